import type { IntegrityCheck } from '../workload/define-workload.ts';
import { loadWorkload } from '../workload/load-workload.ts';
import { readLogLines, type TrialDirectory } from './trial-directory.ts';
import type { TrialResult } from '../record/trial-result.ts';

/**
 * Runs the workload's own verify() once every process of the trial is dead, so it sees what the next reader of
 * the data would see (a database it can open, a journal nobody still appends to). A stop that lost or tore
 * acknowledged data counts as leaked.
 */
export async function checkIntegrity(result: TrialResult, workloadUrl: string, directory: TrialDirectory): Promise<TrialResult> {
  if (!('leftovers' in result)) return result;
  const integrity = await verifyData(workloadUrl, directory);
  const broken = integrity !== null && (integrity.missing > 0 || integrity.torn > 0 || integrity.corrupt === true);
  if (result.outcome === 'hung') return { ...result, integrity };
  return { ...result, integrity, outcome: broken ? 'leaked' : result.outcome };
}

async function verifyData(workloadUrl: string, directory: TrialDirectory): Promise<IntegrityCheck | null> {
  const workload = await loadWorkload(workloadUrl);
  if (workload.verify === undefined) return null;
  const acknowledged = readLogLines(directory.acknowledgementLog);
  try {
    return await workload.verify({ dataDir: directory.dataDir, acknowledged });
  } catch (error) {
    // Data that cannot even be read back is lost to its next reader: every acknowledged record is missing.
    const reason = error instanceof Error ? error.message : String(error);
    return { acknowledged: acknowledged.length, missing: acknowledged.length, torn: 0, corrupt: true, detail: `verify() could not read the data: ${reason}` };
  }
}

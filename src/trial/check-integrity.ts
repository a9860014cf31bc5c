import type { SharedMemoryReading } from '../host/host-messages.ts';
import type { IntegrityCheck } from '../workload/define-workload.ts';
import { loadWorkload } from '../workload/load-workload.ts';
import { isPythonModule, verifyPythonData } from '../python-host/verify-python.ts';
import { readLogLines } from '../files/log-lines.ts';
import type { TrialDirectory } from './trial-directory.ts';
import type { SharedMemoryCheck, TrialResult } from '../record/trial-result.ts';

/**
 * Runs the workload's own verify() once every process of the trial is dead, so it sees what the next reader of
 * the data would see (a database it can open, a journal nobody still appends to), and counts what its shared-memory
 * check found with it. A stop that lost or tore acknowledged data counts as leaked.
 */
export async function checkIntegrity(result: TrialResult, workloadUrl: string, directory: TrialDirectory): Promise<TrialResult> {
  if (!('leftovers' in result)) return result;
  const integrity = mergeChecks(await verifyData(workloadUrl, directory), result.sharedMemory);
  const broken = integrity !== null && (integrity.missing > 0 || integrity.torn > 0 || integrity.corrupt === true);
  if (result.outcome === 'hung') return { ...result, integrity };
  return { ...result, integrity, outcome: broken ? 'leaked' : result.outcome };
}

/**
 * Runs the workload's checkSharedMemory() on the memory the host read once the work ended; null for a workload
 * without one. Where the host read none (a child's memory is its own), the result says why instead of a count.
 */
export async function checkSharedMemory(workloadUrl: string, reading: SharedMemoryReading): Promise<SharedMemoryCheck | null> {
  // A Python workload keeps nothing in memory it shares with the host: its shared state is a lock, probed by the host.
  if (isPythonModule(workloadUrl)) return null;
  const workload = await loadWorkload(workloadUrl);
  if (workload.checkSharedMemory === undefined) return null;
  if (!reading.read) return { checked: false, reason: reading.reason };
  try {
    return { checked: true, ...workload.checkSharedMemory(Int32Array.from(reading.slots)) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { checked: true, acknowledged: 0, missing: 0, torn: 0, corrupt: true, detail: `checkSharedMemory() threw: ${reason}` };
  }
}

/** verify()'s counts and the shared memory's add up, and their details join; null when neither checked anything. */
function mergeChecks(verified: IntegrityCheck | null, sharedMemory: SharedMemoryCheck | null): IntegrityCheck | null {
  if (sharedMemory?.checked !== true) return verified;
  const { checked: _checked, ...found } = sharedMemory;
  const shared = { ...found, ...(found.detail === undefined ? {} : { detail: `shared memory: ${found.detail}` }) };
  if (verified === null) return shared;
  const corrupt = verified.corrupt === true || shared.corrupt === true;
  const details = [verified.detail, shared.detail].filter((detail) => detail !== undefined);
  return {
    acknowledged: verified.acknowledged + shared.acknowledged,
    missing: verified.missing + shared.missing,
    torn: verified.torn + shared.torn,
    ...(corrupt ? { corrupt } : {}),
    ...(details.length > 0 ? { detail: details.join('; ') } : {}),
  };
}

async function verifyData(workloadUrl: string, directory: TrialDirectory): Promise<IntegrityCheck | null> {
  if (isPythonModule(workloadUrl)) return verifyPythonData(workloadUrl, directory.dataDir, directory.acknowledgementLog);
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

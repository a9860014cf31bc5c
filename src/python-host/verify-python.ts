import { execa } from 'execa';
import { firstErrorLine } from '../errors/command-error.ts';
import type { IntegrityCheck } from '../workload/define-workload.ts';
import { findPythonExecutable, PYTHON_HOST } from './python-environment.ts';

const VERIFY_TIMEOUT_MS = 30_000;

/** Whether a trial's module is a Python workload: the harness then asks the Python host to check its data. */
export function isPythonModule(workloadUrl: string): boolean {
  return workloadUrl.endsWith('.py');
}

/**
 * A Python workload's verify(), run by `host.py verify` once every process of the trial is dead; null for a workload
 * without one. A verify() that raised is reported by the host as corrupt data; a host that could not run at all says why.
 */
export async function verifyPythonData(file: string, dataDir: string, acknowledgementLog: string): Promise<IntegrityCheck | null> {
  try {
    const { stdout } = await execa(findPythonExecutable(), [PYTHON_HOST, 'verify', file, dataDir, acknowledgementLog], {
      timeout: VERIFY_TIMEOUT_MS,
      env: { PYTHONDONTWRITEBYTECODE: '1' },
    });
    return JSON.parse(stdout) as IntegrityCheck | null;
  } catch (error) {
    return { acknowledged: 0, missing: 0, torn: 0, corrupt: true, detail: `host.py verify could not check the data: ${firstErrorLine(error)}` };
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import { findMarkedProcesses, stillMarked } from './find-marked-processes.ts';

const REAP_POLL_MS = 10;

/** A process of ours would not die; the caller should report it, since a user's machine keeps it too. */
export class ReapError extends Error {
  override name = 'ReapError';
}

/** SIGKILLs every living process carrying the run's or trial's marker until none is left; returns how many it killed. */
export async function reapMarkedProcesses(runOrTrialId: string, timeoutMs = 5000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  const killed = new Set<number>();
  for (;;) {
    const survivors = findMarkedProcesses(runOrTrialId).filter((found) => found.state !== 'Z');
    if (survivors.length === 0) return killed.size;
    if (performance.now() > deadline) {
      throw new ReapError(`processes of ${runOrTrialId} survived SIGKILL: ${survivors.map((found) => `${found.pid} (${found.command})`).join(', ')}`);
    }
    for (const survivor of survivors) {
      if (killIfStillMarked(survivor.pid, runOrTrialId)) killed.add(survivor.pid);
    }
    await sleep(REAP_POLL_MS);
  }
}

function killIfStillMarked(pid: number, runOrTrialId: string): boolean {
  if (!stillMarked(pid, runOrTrialId)) return false;
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

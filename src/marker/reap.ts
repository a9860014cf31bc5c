import { setTimeout as sleep } from 'node:timers/promises';
import { findMarkedProcesses } from './find-marked-processes.ts';
import { signalEachStillMarked, type SignalOutcome } from './signal-marked.ts';

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
    for (const pid of killStillMarked(survivors.map((survivor) => survivor.pid), runOrTrialId).signalled) killed.add(pid);
    await sleep(REAP_POLL_MS);
  }
}

/**
 * One round of the reaper: SIGKILL to each listed pid that still carries the marker. The list was read from /proc
 * a moment earlier, so any pid in it may have been recycled since; the gate checks each right before its signal.
 */
export function killStillMarked(pids: readonly number[], runOrTrialId: string): SignalOutcome {
  return signalEachStillMarked(pids, 'SIGKILL', runOrTrialId);
}

import { setTimeout as sleep } from 'node:timers/promises';
import { createProcessFamily, type ProcessFamily } from './process-family.ts';
import { scanFamily } from './scan-family.ts';
import { signalEachOfFamily } from './signal-gate.ts';

const REAP_POLL_MS = 10;

/** A process of ours would not die; the caller should report it, since a user's machine keeps it too. */
export class ReapError extends Error {
  override name = 'ReapError';
}

/**
 * SIGKILLs every living member of the family (its roots excepted: a caller ends its own hosts through their
 * handles) until none is left, scanning again each round for processes they started meanwhile; returns how many
 * it killed. Each target passes the family gate right before its signal. `spare` leaves the processes it names alive
 * (a resource tracker that must outlive the rest to clean up after them).
 */
export async function reapFamily(family: ProcessFamily, timeoutMs = 5000, spare: (pid: number) => boolean = () => false): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  const killed = new Set<number>();
  for (;;) {
    const living = scanFamily(family).living.filter((found) => !spare(found.pid));
    if (living.length === 0) return killed.size;
    if (performance.now() > deadline) {
      throw new ReapError(`processes of ${family.marker} survived SIGKILL: ${living.map((found) => `${found.pid} (${found.command})`).join(', ')}`);
    }
    for (const pid of signalEachOfFamily(
      living.map((found) => found.pid),
      'SIGKILL',
      family,
    ).signalled)
      killed.add(pid);
    await sleep(REAP_POLL_MS);
  }
}

/** Reaps every process carrying the marker (a run's, a trial's or a host's), and whatever descends from them. */
export function reapMarker(marker: string, timeoutMs?: number): Promise<number> {
  return reapFamily(createProcessFamily({ marker }), timeoutMs);
}

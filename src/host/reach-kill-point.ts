import { setTimeout as wait } from 'node:timers/promises';
import type { StartedWork, WorkEnd } from '../runtime/runtime.ts';
import type { KillPoint } from '../record/trial-result.ts';

/** Whether the kill may be applied now, or why not: the work ended first, or never entered the targeted section. */
export type KillPointOutcome = { kind: 'reached' } | { kind: 'missed'; reason: string };

/**
 * Waits, once ready() was seen (at `readyAt`), for the moment the trial's kill is aimed at (for a deadline, the
 * runtime applies it).
 */
export async function reachKillPoint(work: StartedWork, killPoint: KillPoint, sectionWaitMs: number, readyAt: number): Promise<KillPointOutcome> {
  const ended = work.ended.then((end) => ({ kind: 'missed' as const, reason: describeSelfEnd(end) }));
  return Promise.race([ended, waitFor(work, killPoint, sectionWaitMs, readyAt)]);
}

async function waitFor(work: StartedWork, killPoint: KillPoint, sectionWaitMs: number, readyAt: number): Promise<KillPointOutcome> {
  if (killPoint.kind === 'deadline') {
    // The runtime's own timer started after startedAt, so it fires after this wait: work that ends earlier ended by itself.
    await sleep(Math.max(0, work.startedAt + killPoint.afterStartMs - performance.now()));
    return { kind: 'reached' };
  }
  if (killPoint.kind === 'delay') {
    await sleep(killPoint.delayMs);
    return { kind: 'reached' };
  }
  // The kill lands in an entry the harness holds, made once the drawn delay is over. A workload still inside an
  // entry it made earlier is waited for: if it leaves, its next entry is held; if it stays inside for the whole
  // wait (a lock taken at ready() and kept), the kill lands there, inside all the same.
  const section = work.targetSection;
  const held = section.held.then(() => 'held' as const);
  if ((await Promise.race([held, sleep(Math.max(0, readyAt + killPoint.afterMs - performance.now()), null)])) !== null) return { kind: 'reached' };
  // One wait in all, whichever way it goes, as the harness's watchdog allows for.
  const waitEnds = performance.now() + sectionWaitMs;
  const rest = () => Math.max(0, waitEnds - performance.now());
  if (section.isInside() && (await Promise.race([held, section.left().then(() => 'left' as const), sleep(rest(), 'stayed' as const)])) !== 'left') {
    return { kind: 'reached' };
  }
  if ((await Promise.race([held, sleep(rest(), null)])) !== null) return { kind: 'reached' };
  const waitMs = killPoint.afterMs + sectionWaitMs;
  return {
    kind: 'missed',
    reason: `the workload was not inside section "${killPoint.section}" at any moment from ${killPoint.afterMs} to ${waitMs} ms after ready()`,
  };
}

/**
 * The host's waits hold nothing: its channel to the harness keeps it alive, and a timer that outlives its race (the
 * section left before the wait was over) must not count as something the work left in the parent's event loop.
 */
function sleep<Value = undefined>(delayMs: number, value?: Value): Promise<Value | undefined> {
  return wait(delayMs, value, { ref: false });
}

/** Work that ended before its kill: one outcome, the same words, however the harness learned it. */
export function describeSelfEnd(end: Pick<WorkEnd, 'exitCode' | 'signal' | 'error'>): string {
  return `the work ended by itself before the kill: ${end.error ?? (end.signal === null ? `exit code ${end.exitCode}` : `killed by ${end.signal}`)}`;
}

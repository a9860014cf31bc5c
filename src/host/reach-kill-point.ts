import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedWork } from '../runtime/runtime.ts';
import type { KillPoint } from '../trial/trial-result.ts';

/** Whether the kill may be applied now, or why not: the work ended first, or never entered the targeted section. */
export type KillPointOutcome = { kind: 'reached' } | { kind: 'missed'; reason: string };

/** Waits, once ready() was seen, for the moment the trial's kill is aimed at (for a deadline, the runtime applies it). */
export async function reachKillPoint(work: StartedWork, killPoint: KillPoint, sectionWaitMs: number): Promise<KillPointOutcome> {
  const ended = work.ended.then((end) => ({ kind: 'missed' as const, reason: `the work ended by itself before the kill: ${end.error ?? describeExit(end)}` }));
  return Promise.race([ended, waitFor(work, killPoint, sectionWaitMs)]);
}

async function waitFor(work: StartedWork, killPoint: KillPoint, sectionWaitMs: number): Promise<KillPointOutcome> {
  if (killPoint.kind === 'deadline') {
    // The runtime's own timer started after startedAt, so it fires after this wait: work that ends earlier ended by itself.
    await sleep(Math.max(0, work.startedAt + killPoint.afterStartMs - performance.now()));
    return { kind: 'reached' };
  }
  if (killPoint.kind === 'delay') {
    await sleep(killPoint.delayMs);
    return { kind: 'reached' };
  }
  const waitMs = killPoint.afterMs + sectionWaitMs;
  const entered = await Promise.race([work.sectionEntered, sleep(waitMs, null)]);
  if (entered !== null) return { kind: 'reached' };
  return { kind: 'missed', reason: `the workload did not enter section "${killPoint.section}" within ${waitMs} ms after ready()` };
}

function describeExit(end: { exitCode: number | null; signal: string | null }): string {
  return end.signal === null ? `exit code ${end.exitCode}` : `killed by ${end.signal}`;
}

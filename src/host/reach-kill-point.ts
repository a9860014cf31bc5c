import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedWork } from '../runtime/runtime.ts';
import type { KillPoint } from '../trial/trial-result.ts';

/** Whether the kill may be applied now, or why not: the work ended first, or never entered the targeted section. */
export type KillPointOutcome = { kind: 'reached' } | { kind: 'missed'; reason: string };

/**
 * Waits, once ready() was seen (at `readyAt`), for the moment the trial's kill is aimed at (for a deadline, the
 * runtime applies it).
 */
export async function reachKillPoint(work: StartedWork, killPoint: KillPoint, sectionWaitMs: number, readyAt: number): Promise<KillPointOutcome> {
  const ended = work.ended.then((end) => ({ kind: 'missed' as const, reason: `the work ended by itself before the kill: ${end.error ?? describeExit(end)}` }));
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
  // Until the drawn delay is over, only an entry the harness holds counts; once it is, being inside already counts too.
  const section = work.targetSection;
  const delayLeftMs = Math.max(0, readyAt + killPoint.afterMs - performance.now());
  if ((await Promise.race([section.held, sleep(delayLeftMs, null)])) !== null || section.isInside()) return { kind: 'reached' };
  if ((await Promise.race([section.held, sleep(sectionWaitMs, null)])) !== null) return { kind: 'reached' };
  const waitMs = killPoint.afterMs + sectionWaitMs;
  return { kind: 'missed', reason: `the workload was not inside section "${killPoint.section}" at any moment from ${killPoint.afterMs} to ${waitMs} ms after ready()` };
}

function describeExit(end: { exitCode: number | null; signal: string | null }): string {
  return end.signal === null ? `exit code ${end.exitCode}` : `killed by ${end.signal}`;
}

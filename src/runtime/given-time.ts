import { readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { readRunDelayMs } from '../linux-proc/thread-schedule.ts';
import { MAX_TIMER_DELAY_MS } from './long-timeout.ts';

/** A thread of a process, as /proc names it. */
export interface ThreadRef {
  readonly pid: number;
  readonly threadId: number;
}

/**
 * A clock of the time the machine gave some threads: wall time, minus the longest time any of them spent ready to
 * run but waiting for a CPU since the clock started. On a busy machine a deadline kept by this clock still gives the
 * work (and the host watching it) the time it asks for; a thread blocked in a call waits for no CPU, so a blocked or
 * sleeping work is timed exactly as on a quiet machine.
 */
export interface GivenClock {
  elapsedMs(): number;
}

/** How far past its deadline, in wall time, a wait on a loaded machine may be stretched, at most. */
export const GIVEN_TIME_CAP = 4;
/** The shortest wait between two readings of the clock, so that a deadline reached through small steps ends. */
const MIN_STEP_MS = 5;

/** `threads` is read at every reading: the work's threads may come and go. Threads seen first later count from zero. */
export function startGivenClock(threads: () => readonly ThreadRef[]): GivenClock {
  const startedAt = performance.now();
  const baseline = new Map(threads().map((thread) => [key(thread), readRunDelayMs(thread.pid, thread.threadId) ?? 0]));
  return {
    elapsedMs() {
      const waits = threads().map((thread) => (readRunDelayMs(thread.pid, thread.threadId) ?? 0) - (baseline.get(key(thread)) ?? 0));
      return performance.now() - startedAt - Math.max(0, ...waits);
    },
  };
}

/**
 * Resolves with the promise's value, or undefined once the clock has given `timeoutMs` first (or GIVEN_TIME_CAP
 * times that in wall time, whichever comes first).
 */
export async function withinGivenTime<Value>(timeoutMs: number, promise: Promise<Value>, clock: GivenClock): Promise<Value | undefined> {
  const wallDeadline = performance.now() + timeoutMs * GIVEN_TIME_CAP;
  const settled = promise.then((value) => ({ value }));
  for (;;) {
    const remaining = Math.min(timeoutMs - clock.elapsedMs(), wallDeadline - performance.now());
    if (remaining <= 0) return undefined;
    const stop = new AbortController();
    const outcome = await Promise.race([settled, sleep(Math.min(Math.max(remaining, MIN_STEP_MS), MAX_TIMER_DELAY_MS), null, { signal: stop.signal })]);
    stop.abort();
    if (outcome !== null) return outcome.value;
  }
}

/** The threads of a process (a child's), or of the host that were not there before its work started (a worker's and the like). */
export function listThreads(pid: number, except: ReadonlySet<number> = new Set()): ThreadRef[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((id) => (except.has(Number(id)) ? [] : [{ pid, threadId: Number(id) }]));
  } catch {
    return [];
  }
}

function key(thread: ThreadRef): string {
  return `${thread.pid}/${thread.threadId}`;
}

import type { ReadTrial } from './trial-tests.ts';

/**
 * What the work's thread was doing when the stop arrived: blocked in a system call, or not; null when unread. A kill
 * aimed at a critical section finds the thread in the harness's own hold of that section (an Atomics.wait, so a
 * futex), which says nothing of the workload: such trials have no reading here.
 */
export function readWorkAtStop(trial: ReadTrial): 'in-system-call' | 'not in a system call' | null {
  if (trial.outcome === 'errored' || trial.killPoint.kind === 'section') return null;
  const state = trial.workAtStop?.state;
  if (state === undefined || state === 'unknown') return null;
  return state === 'in-system-call' ? 'in-system-call' : 'not in a system call';
}

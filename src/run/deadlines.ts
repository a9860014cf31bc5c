import { cellId, type TrialKey, type TrialResult } from '../record/trial-result.ts';

/** A `timeout` trial's deadline is at least this many times the slowest start seen so far of its workload and runtime. */
export const SLOWEST_START_FACTOR = 3;
/** A deadline that still fired before ready() is doubled and the trial tried again, this many times at most. */
export const DEADLINE_RETRIES = 2;

/**
 * The `timeout` style's deadline, which the runtime counts from the start of the work, must fall after ready(): on a
 * busy machine a workload can take longer than `--deadline` to become ready, and a deadline that ends the work
 * before it is ready measures no stop. So the deadline adapts to the starts the run observed: at least the
 * configured one, and at least SLOWEST_START_FACTOR times the slowest start of the same workload, runtime and Node.js.
 */
export interface Deadlines {
  /** Notes how long a trial's work took to become ready. */
  observe(result: TrialResult): void;
  /** The deadline for a trial: the configured one, raised where this workload took longer to start in this run. */
  deadlineFor(key: TrialKey): number;
}

export function createDeadlines(configuredMs: number, killDelayMaxMs: number): Deadlines {
  const slowestStarts = new Map<string, number>();
  const startKey = (key: TrialKey) => cellId({ ...key, kill: 'timeout' });
  return {
    observe(result) {
      if (!('startMs' in result) || result.startMs === null) return;
      const key = startKey(result);
      slowestStarts.set(key, Math.max(slowestStarts.get(key) ?? 0, result.startMs));
    },
    deadlineFor(key) {
      const slowest = slowestStarts.get(startKey(key));
      return slowest === undefined ? configuredMs : Math.max(configuredMs, Math.ceil(SLOWEST_START_FACTOR * slowest + killDelayMaxMs));
    },
  };
}

/** Whether a trial errored because its deadline fired before the work became ready: then it is tried again with a longer one. */
export function firedBeforeReady(result: TrialResult): boolean {
  return result.outcome === 'errored' && result.cause === 'deadline-before-ready';
}

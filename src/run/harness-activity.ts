/** Harness work that shares the cores with whatever trial runs beside it in another lane. */
export type HarnessWork = 'host start' | 'probes';

interface Interval {
  readonly lane: number;
  readonly work: HarnessWork;
  readonly from: number;
  to: number | null;
}

/** How many finished intervals are kept: far more than the lanes can have under way while one stop is timed. */
const KEPT_INTERVALS = 256;

/**
 * What each lane's harness work did when, on one clock (epoch milliseconds): a trial's stop is timed while the other
 * lane may be starting a host or probing its own trial, and the result says so rather than pass that off as the runtime.
 */
export interface HarnessActivity {
  /** Marks harness work of a lane as under way; the returned function marks it done. */
  begin(lane: number, work: HarnessWork): () => void;
  /** The harness work of other lanes that overlapped [from, to], without repeats, in a fixed order. */
  during(lane: number, from: number, to: number): HarnessWork[];
}

export function createHarnessActivity(): HarnessActivity {
  const intervals: Interval[] = [];
  return {
    begin(lane, work) {
      const interval: Interval = { lane, work, from: epochNow(), to: null };
      intervals.push(interval);
      if (intervals.length > KEPT_INTERVALS) intervals.splice(0, intervals.length - KEPT_INTERVALS);
      return () => {
        interval.to ??= epochNow();
      };
    },
    during(lane, from, to) {
      const overlapping = intervals.filter((interval) => interval.lane !== lane && interval.from <= to && (interval.to ?? Number.POSITIVE_INFINITY) >= from);
      return (['host start', 'probes'] as const).filter((work) => overlapping.some((interval) => interval.work === work));
    },
  };
}

export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

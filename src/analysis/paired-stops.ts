import { KILL_STYLE_NAMES, type KillStyleName } from '../kill-styles/kill-styles.ts';
import type { RunRecord } from '../record/run-record.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import { type SampleSummary, summarizeSamples } from '../statistics/summarize-samples.ts';
import { indexCells } from './cell-index.ts';

/** One kill style in one runtime, one side of a stop-time comparison. */
export interface StopSide {
  readonly kill: KillStyleName;
  readonly runtime: RuntimeName;
}

/** A stop of a thread set against a stop of a process: the same kill style, or each runtime's forced stop. */
export interface StopComparison {
  /** As a chart axis names it. */
  readonly category: string;
  readonly thread: KillStyleName;
  readonly process: KillStyleName;
}

/** Every kill style against itself, then `terminate` of a worker against `sigkill` of a child. */
export const STOP_COMPARISONS: readonly StopComparison[] = [
  ...KILL_STYLE_NAMES.map((kill) => ({ category: kill, thread: kill, process: kill })),
  { category: 'terminate vs sigkill', thread: 'terminate', process: 'sigkill' },
];

export interface PairedStops {
  /** The workloads where both sides ended the work at least once. */
  readonly workloads: string[];
  readonly first: SampleSummary;
  readonly second: SampleSummary;
}

/**
 * stopMs of two stops over the same workloads only (those where both ended the work), so that a workload one side
 * never ended (a blocked call) or a slow one only the other ran cannot move one median alone; null without such a workload.
 */
export function pairStops(record: RunRecord, first: StopSide, second: StopSide): PairedStops | null {
  const index = indexCells(record);
  const ended = (side: StopSide, workload: string) => index.find(workload, side.kill, side.runtime)?.ended?.stopMs ?? null;
  const workloads = index.workloads.filter((workload) => ended(first, workload) !== null && ended(second, workload) !== null);
  const samples = (side: StopSide) =>
    summarizeSamples(
      record.results.flatMap((result) =>
        result.kill === side.kill && result.runtime === side.runtime && workloads.includes(result.workload) && 'stopMs' in result && result.stopMs !== null
          ? [result.stopMs]
          : [],
      ),
    );
  const [firstStops, secondStops] = [samples(first), samples(second)];
  return firstStops === null || secondStops === null ? null : { workloads, first: firstStops, second: secondStops };
}

/** Each comparison the run can make, with its paired stop times. */
export function compareStops(record: RunRecord): (StopComparison & PairedStops)[] {
  return STOP_COMPARISONS.flatMap((comparison) => {
    const paired = pairStops(record, { kill: comparison.thread, runtime: 'thread' }, { kill: comparison.process, runtime: 'process' });
    return paired === null ? [] : [{ ...comparison, ...paired }];
  });
}

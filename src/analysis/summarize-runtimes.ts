import type { ProcessMemory } from '../linux-proc/process-memory.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import { type SampleSummary, summarizeSamples } from '../statistics/summarize-samples.ts';
import type { HungTrial, StoppedTrial, TrialResult } from '../record/trial-result.ts';

/** One runtime over the whole run, pooled across workloads and kill styles, from the recorded trials only. */
export interface RuntimeSummary {
  readonly runtime: RuntimeName;
  /** startMs (asked to start → ready()) over the probed trials that recorded it; null when none did. */
  readonly startMs: SampleSummary | null;
  /** workMemory (what the work added at ready()) in each of its measures, over the probed trials that recorded it; null when none did. */
  readonly workMemory: WorkMemorySummary | null;
  /** stopMs over the runtime's stopped and leaked trials; null when none stopped. */
  readonly stopMs: SampleSummary | null;
  /** The host's RSS growth (memory.grownBytes) over the trials whose memory probe could read; null when none could. */
  readonly memoryGrownBytes: SampleSummary | null;
  /**
   * The memory figures again, over the trials that ran in a fresh host and in one a lane reused (`hostReused`), apart: a
   * warm host has its code loaded and its heap grown already, so what a trial adds to it is not what it adds to a fresh one.
   */
  readonly byHost: { readonly fresh: HostMemoryFigures; readonly reused: HostMemoryFigures };
}

/** PSS the work added at ready(), and the host's RSS growth after the stop, over one kind of host's trials. */
export interface HostMemoryFigures {
  readonly workMemoryPss: SampleSummary | null;
  readonly memoryGrownBytes: SampleSummary | null;
}

/** RSS, PSS and USS summarized over the same trials: a trial records all three or none. */
export type WorkMemorySummary = { readonly [Measure in keyof ProcessMemory]: SampleSummary };

type ProbedTrial = StoppedTrial | HungTrial;

/** The runtimes of the plan in its order, then any that only the results name; the headline numbers of each. */
export function summarizeRuntimes(planned: readonly RuntimeName[], results: readonly TrialResult[]): RuntimeSummary[] {
  const runtimes = [...new Set([...planned, ...results.map((result) => result.runtime)])];
  return runtimes.map((runtime) =>
    summarizeRuntime(
      runtime,
      results.filter((result) => result.runtime === runtime),
    ),
  );
}

function summarizeRuntime(runtime: RuntimeName, results: readonly TrialResult[]): RuntimeSummary {
  const probed = results.filter((result): result is ProbedTrial => 'leftovers' in result);
  const sample = (read: (trial: ProbedTrial) => number | null | undefined, trials = probed) =>
    summarizeSamples(
      trials.flatMap((trial) => {
        const value = read(trial);
        return value === null || value === undefined ? [] : [value];
      }),
    );
  const inHost = (reused: boolean): HostMemoryFigures => {
    const trials = probed.filter((trial) => trial.hostReused === reused);
    return {
      workMemoryPss: sample((trial) => trial.workMemory?.pssBytes, trials),
      memoryGrownBytes: sample((trial) => trial.leftovers.memory?.grownBytes, trials),
    };
  };
  const rssBytes = sample((trial) => trial.workMemory?.rssBytes);
  const pssBytes = sample((trial) => trial.workMemory?.pssBytes);
  const ussBytes = sample((trial) => trial.workMemory?.ussBytes);
  return {
    runtime,
    startMs: sample((trial) => trial.startMs),
    workMemory: rssBytes === null || pssBytes === null || ussBytes === null ? null : { rssBytes, pssBytes, ussBytes },
    stopMs: sample((trial) => trial.stopMs),
    memoryGrownBytes: sample((trial) => trial.leftovers.memory?.grownBytes),
    byHost: { fresh: inHost(false), reused: inHost(true) },
  };
}

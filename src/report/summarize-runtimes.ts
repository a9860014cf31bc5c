import type { RuntimeName } from '../runtime/runtime.ts';
import { type SampleSummary, summarizeSamples } from '../statistics/summarize-samples.ts';
import type { HungTrial, StoppedTrial, TrialResult } from '../record/trial-result.ts';

/** One runtime over the whole run, pooled across workloads and kill styles, from the recorded trials only. */
export interface RuntimeSummary {
  readonly runtime: RuntimeName;
  /** startMs (asked to start → ready()) over the probed trials that recorded it; null when none did. */
  readonly startMs: SampleSummary | null;
  /** workMemoryBytes (what the work added at ready()) over the probed trials that recorded it; null when none did. */
  readonly workMemoryBytes: SampleSummary | null;
  /** stopMs over the runtime's stopped and leaked trials; null when none stopped. */
  readonly stopMs: SampleSummary | null;
  /** The host's RSS growth (memory.grownBytes) over the trials whose memory probe could read; null when none could. */
  readonly memoryGrownBytes: SampleSummary | null;
}

type ProbedTrial = StoppedTrial | HungTrial;

/** The runtimes of the plan in its order, then any that only the results name; the headline numbers of each. */
export function summarizeRuntimes(planned: readonly RuntimeName[], results: readonly TrialResult[]): RuntimeSummary[] {
  const runtimes = [...new Set([...planned, ...results.map((result) => result.runtime)])];
  return runtimes.map((runtime) => summarizeRuntime(runtime, results.filter((result) => result.runtime === runtime)));
}

function summarizeRuntime(runtime: RuntimeName, results: readonly TrialResult[]): RuntimeSummary {
  const probed = results.filter((result): result is ProbedTrial => 'leftovers' in result);
  const sample = (read: (trial: ProbedTrial) => number | null | undefined) =>
    summarizeSamples(probed.flatMap((trial) => {
      const value = read(trial);
      return value === null || value === undefined ? [] : [value];
    }));
  return {
    runtime,
    startMs: sample((trial) => trial.startMs),
    workMemoryBytes: sample((trial) => trial.workMemoryBytes),
    stopMs: sample((trial) => trial.stopMs),
    memoryGrownBytes: sample((trial) => trial.leftovers.memory?.grownBytes),
  };
}

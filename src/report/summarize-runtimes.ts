import type { RuntimeName } from '../runtime/runtime.ts';
import { type SampleSummary, summarizeSamples } from '../statistics/summarize-samples.ts';
import type { TrialResult } from '../trial/trial-result.ts';

/** One runtime over the whole run, pooled across workloads and kill styles, from the recorded trials only. */
export interface RuntimeSummary {
  readonly runtime: RuntimeName;
  /** stopMs over the runtime's stopped and leaked trials; null when none stopped. */
  readonly stopMs: SampleSummary | null;
  /** The host's RSS growth (memory.grownBytes) over the trials whose memory probe could read; null when none could. */
  readonly memoryGrownBytes: SampleSummary | null;
}

/** The runtimes of the plan in its order, then any that only the results name; the headline numbers of each. */
export function summarizeRuntimes(planned: readonly RuntimeName[], results: readonly TrialResult[]): RuntimeSummary[] {
  const runtimes = [...new Set([...planned, ...results.map((result) => result.runtime)])];
  return runtimes.map((runtime) => summarizeRuntime(runtime, results.filter((result) => result.runtime === runtime)));
}

function summarizeRuntime(runtime: RuntimeName, results: readonly TrialResult[]): RuntimeSummary {
  const stopMs = results.flatMap((result) => ('stopMs' in result && result.stopMs !== null ? [result.stopMs] : []));
  const memory = results.flatMap((result) => ('leftovers' in result && result.leftovers.memory !== null ? [result.leftovers.memory.grownBytes] : []));
  return { runtime, stopMs: summarizeSamples(stopMs), memoryGrownBytes: summarizeSamples(memory) };
}

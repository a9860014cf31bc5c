/** The spread of recorded samples (stop times, memory growth) as one flat object, in the samples' unit. */
export interface SampleSummary {
  readonly count: number;
  readonly median: number;
  /** The 95th percentile by linear interpolation between closest ranks (tinybench's and numpy's default). */
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
}

/** One pure function from samples to their summary; null when there are none, so nothing is ever shown as 0. */
export function summarizeSamples(samples: readonly number[]): SampleSummary | null {
  const sorted = [...samples].sort((left, right) => left - right);
  const max = sorted.at(-1);
  if (max === undefined) return null;
  return {
    count: sorted.length,
    median: findQuantile(sorted, 0.5),
    p95: findQuantile(sorted, 0.95),
    max,
    mean: sorted.reduce((sum, sample) => sum + sample, 0) / sorted.length,
  };
}

/**
 * Linear interpolation between the two samples around rank q·(n − 1): the median of an even count is the mean of
 * the middle two, and with few samples p95 lies between the two largest instead of jumping to the maximum.
 */
function findQuantile(sorted: readonly number[], quantile: number): number {
  const rank = (sorted.length - 1) * quantile;
  const below = Math.floor(rank);
  const lower = sorted[below] ?? Number.NaN;
  const upper = sorted[below + 1] ?? lower;
  return lower + (rank - below) * (upper - lower);
}

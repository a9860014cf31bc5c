/** How long stops took in one cell, from the recorded samples only. */
export interface LatencySummary {
  readonly samples: number;
  readonly median: number;
  readonly max: number;
}

/** One pure function from samples to a flat summary; null when there is nothing to summarize, never 0. */
export function summarizeLatency(samples: readonly number[]): LatencySummary | null {
  const sorted = [...samples].sort((left, right) => left - right);
  const max = sorted.at(-1);
  if (max === undefined) return null;
  return { samples: sorted.length, median: findMedian(sorted), max };
}

function findMedian(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

import { computeWilsonInterval } from '../statistics/wilson-interval.ts';

/** `k/n`, and when n > 1 the rate with its 95% Wilson interval: `3/20 (15%, 95% CI 5–36%)`. */
export function formatRate(found: number, measured: number): string {
  const rate = describeRate(found, measured);
  return rate === null ? `${found}/${measured}` : `${found}/${measured} (${rate})`;
}

/** `15%, 95% CI 5–36%`; null for a single trial (or none), where an interval would only restate that one outcome. */
export function describeRate(found: number, measured: number): string | null {
  const interval = measured > 1 ? computeWilsonInterval(found, measured) : null;
  if (interval === null) return null;
  return `${formatPercent(interval.rate)}%, 95% CI ${formatPercent(interval.lower)}–${formatPercent(interval.upper)}%`;
}

/** Whole percent: with the trial counts a run can afford, the interval is wider than any decimal would suggest. */
function formatPercent(share: number): string {
  return (share * 100).toFixed(0);
}

/** The normal quantile for a two-sided 95% interval (1 − 0.05/2). */
const Z_95 = 1.959963984540054;

/** An observed rate and the range the true rate lies in with 95% confidence. */
export interface RateInterval {
  readonly rate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * The 95% Wilson score interval for `successes` of `trials`: unlike rate ± 1.96·SE, it stays inside [0, 1] and
 * still bounds the rate when nothing (or everything) was observed, which is the usual case with a few trials.
 * null without trials: no rate was observed, which is not a rate of 0.
 */
export function computeWilsonInterval(successes: number, trials: number): RateInterval | null {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`expected whole numbers with 0 <= successes <= trials, got ${successes} of ${trials}`);
  }
  if (trials === 0) return null;
  const rate = successes / trials;
  const zSquared = Z_95 ** 2;
  const scale = 1 + zSquared / trials;
  const center = (rate + zSquared / (2 * trials)) / scale;
  const halfWidth = (Z_95 / scale) * Math.sqrt((rate * (1 - rate)) / trials + zSquared / (4 * trials ** 2));
  // At 0 and n successes that bound is exactly 0 or 1, which floating point misses by a hair.
  return { rate, lower: successes === 0 ? 0 : center - halfWidth, upper: successes === trials ? 1 : center + halfWidth };
}

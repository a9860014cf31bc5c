/** A least-squares line through (x, y) points, its slope with a 95% interval from the points' own scatter. */
export interface SlopeFit {
  readonly count: number;
  /** Change of y per unit of x. */
  readonly slope: number;
  /** The 95% confidence interval of the slope: slope ± t(0.975, n − 2) · its standard error. */
  readonly lower: number;
  readonly upper: number;
  /** y at x = 0 on the line. */
  readonly intercept: number;
}

/** Student's t at 0.975 for 1 to 30 degrees of freedom (the usual table); beyond, Cornish-Fisher's first correction to 1.96. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
  2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * Fits y = intercept + slope · x by least squares; null for fewer than three points or a single x, where no interval
 * can be drawn from the points themselves (so nothing is ever shown as a slope of 0).
 */
export function fitSlope(points: readonly { readonly x: number; readonly y: number }[]): SlopeFit | null {
  const count = points.length;
  if (count < 3) return null;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / count;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / count;
  const spreadX = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  if (spreadX === 0) return null;
  const slope = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0) / spreadX;
  const intercept = meanY - slope * meanX;
  const residuals = points.reduce((sum, point) => sum + (point.y - intercept - slope * point.x) ** 2, 0);
  const margin = quantileT975(count - 2) * Math.sqrt(residuals / (count - 2) / spreadX);
  return { count, slope, lower: slope - margin, upper: slope + margin, intercept };
}

function quantileT975(degrees: number): number {
  return T_975[degrees - 1] ?? 1.96 + 2.37 / degrees;
}

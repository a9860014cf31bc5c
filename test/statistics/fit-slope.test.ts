import { describe, expect, it } from 'vitest';
import { fitSlope } from '../../src/statistics/fit-slope.ts';

// Reference values from R: summary(lm(y ~ x)) and confint(), by hand for the exact line.

describe('fitSlope', () => {
  it('fits an exact line with no spread: the interval is the slope itself', () => {
    const fit = fitSlope([1, 2, 3, 4].map((x) => ({ x, y: 10 + 4 * x })));
    expect(fit).toMatchObject({ count: 4, slope: 4, lower: 4, upper: 4, intercept: 10 });
  });

  it('draws the 95% interval from the scatter around the line', () => {
    // x = 1..5, y = 2, 4, 5, 4, 5: slope 0.6, intercept 2.2, residuals 2.4 (s² = 0.8), slope SE √(0.8 / 10) = 0.28284, t(3) = 3.182.
    const fit = fitSlope([2, 4, 5, 4, 5].map((y, index) => ({ x: index + 1, y })));
    expect(fit?.slope).toBeCloseTo(0.6, 10);
    expect(fit?.intercept).toBeCloseTo(2.2, 10);
    expect(fit?.lower).toBeCloseTo(0.6 - 3.182 * 0.28284, 3);
    expect(fit?.upper).toBeCloseTo(0.6 + 3.182 * 0.28284, 3);
  });

  it('says nothing from fewer than three points, or from one x', () => {
    expect(
      fitSlope([
        { x: 1, y: 1 },
        { x: 2, y: 3 },
      ]),
    ).toBeNull();
    expect(fitSlope([1, 2, 3].map((y) => ({ x: 1, y })))).toBeNull();
  });
});

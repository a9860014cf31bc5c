import { describe, expect, it } from 'vitest';
import { computeWilsonInterval } from '../../src/statistics/wilson-interval.ts';

// Reference values: the Wilson score interval at z = 1.96 (e.g. R's prop.test(k, n, correct = FALSE)).

describe('computeWilsonInterval', () => {
  it('bounds a rate of 0 from above, not at 0', () => {
    const interval = computeWilsonInterval(0, 10);
    expect(interval?.rate).toBe(0);
    expect(interval?.lower).toBe(0);
    expect(interval?.upper).toBeCloseTo(0.2775, 4);
  });

  it('is symmetric around one half', () => {
    const interval = computeWilsonInterval(5, 10);
    expect(interval?.rate).toBe(0.5);
    expect(interval?.lower).toBeCloseTo(0.2366, 4);
    expect(interval?.upper).toBeCloseTo(0.7634, 4);
  });

  it('bounds a rate of 1 from below, not at 1', () => {
    const interval = computeWilsonInterval(10, 10);
    expect(interval?.lower).toBeCloseTo(0.7225, 4);
    expect(interval?.upper).toBe(1);
  });

  it('is lopsided for a small rate, as the example in the report legend', () => {
    const interval = computeWilsonInterval(3, 20);
    expect(interval?.rate).toBe(0.15);
    expect(interval?.lower).toBeCloseTo(0.0524, 4);
    expect(interval?.upper).toBeCloseTo(0.3604, 4);
  });

  it('is null without trials, never a rate of 0', () => {
    expect(computeWilsonInterval(0, 0)).toBeNull();
  });

  it('refuses counts that cannot be successes of trials', () => {
    expect(() => computeWilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => computeWilsonInterval(-1, 2)).toThrow('got -1 of 2');
    expect(() => computeWilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

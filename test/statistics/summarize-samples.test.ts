import { describe, expect, it } from 'vitest';
import { summarizeSamples } from '../../src/statistics/summarize-samples.ts';

describe('summarizeSamples', () => {
  it('takes the middle sample of an odd count, whatever the input order', () => {
    expect(summarizeSamples([30, 10, 20])).toEqual({ count: 3, median: 20, p95: 29, max: 30, mean: 20 });
  });

  it('averages the two middle samples of an even count', () => {
    expect(summarizeSamples([4, 1, 3, 2])).toMatchObject({ count: 4, median: 2.5, max: 4, mean: 2.5 });
  });

  it('interpolates p95 linearly between the samples around rank 0.95·(n − 1)', () => {
    const hundred = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(summarizeSamples(hundred)?.p95).toBeCloseTo(95.05, 10);
    expect(summarizeSamples([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21])?.p95).toBe(20);
  });

  it('summarizes one sample as itself', () => {
    expect(summarizeSamples([-2.5])).toEqual({ count: 1, median: -2.5, p95: -2.5, max: -2.5, mean: -2.5 });
  });

  it('does not reorder the samples it was given', () => {
    const samples = [3, 1, 2];
    summarizeSamples(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('is null without samples, never 0', () => {
    expect(summarizeSamples([])).toBeNull();
  });
});

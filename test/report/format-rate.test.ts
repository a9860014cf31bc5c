import { describe, expect, it } from 'vitest';
import { describeRate, formatRate } from '../../src/report/format-rate.ts';

describe('formatRate', () => {
  it('gives the rate and its 95% Wilson interval in whole percent', () => {
    expect(formatRate(3, 20)).toBe('3/20 (15%, 95% CI 5–36%)');
    expect(formatRate(2, 2)).toBe('2/2 (100%, 95% CI 34–100%)');
  });

  it('bounds a share of nothing found from above', () => {
    expect(formatRate(0, 3)).toBe('0/3 (0%, 95% CI 0–56%)');
  });

  it('stays a bare k/n for a single trial, where an interval would say nothing new', () => {
    expect(formatRate(1, 1)).toBe('1/1');
    expect(describeRate(0, 1)).toBeNull();
  });
});

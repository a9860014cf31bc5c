import { describe, expect, it } from 'vitest';
import { summarizeLatency } from '../../src/report/summarize-latency.ts';

describe('summarizeLatency', () => {
  it('takes the middle sample of an odd count, whatever the input order', () => {
    expect(summarizeLatency([30, 10, 20])).toEqual({ samples: 3, median: 20, max: 30 });
  });

  it('averages the two middle samples of an even count', () => {
    expect(summarizeLatency([4, 1, 3, 2])).toEqual({ samples: 4, median: 2.5, max: 4 });
  });

  it('is null without samples, never 0', () => {
    expect(summarizeLatency([])).toBeNull();
  });
});

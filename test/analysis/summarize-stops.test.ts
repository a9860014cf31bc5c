import { describe, expect, it } from 'vitest';
import { summarizeStops } from '../../src/analysis/summarize-stops.ts';
import { buildStopped } from '../report/build-record.ts';

describe('summarizeStops', () => {
  it("summarizes the OS's and the runtime's stop times apart, counting trials whose runtime never settled", () => {
    const summary = summarizeStops([
      buildStopped({ stopMs: 10, reportedMs: 2 }),
      buildStopped({ stopMs: 30, reportedMs: 4 }),
      buildStopped({ stopMs: 20, reportedMs: null }),
    ]);
    expect(summary.stopMs).toMatchObject({ count: 3, median: 20, max: 30 });
    expect(summary.reportedMs).toMatchObject({ count: 2, median: 3, max: 4 });
    expect(summary.neverSettled).toBe(1);
  });

  it('is null for reportedMs when no runtime promise settled, never 0', () => {
    const summary = summarizeStops([buildStopped({ reportedMs: null })]);
    expect(summary.reportedMs).toBeNull();
    expect(summary.neverSettled).toBe(1);
  });

  it('counts the step that ended each trial in order of first occurrence, skipping trials that recorded none', () => {
    const summary = summarizeStops([
      buildStopped({ endedBy: 'force' }),
      buildStopped({ endedBy: 'abort' }),
      buildStopped({ endedBy: 'abort' }),
      buildStopped({ endedBy: null }),
    ]);
    expect(Object.entries(summary.endedBy)).toEqual([
      ['force', 1],
      ['abort', 2],
    ]);
  });

  it('has nothing to summarize without stopped trials', () => {
    expect(summarizeStops([])).toEqual({ stopMs: null, reportedMs: null, releasedMs: null, neverSettled: 0, endedBy: {}, overlapped: 0 });
  });

  it("times stops from the trials no other lane's harness work overlapped, and has no time when every one was", () => {
    const shared = buildStopped({ stopMs: 90, stopSharedWith: ['host start'] });
    expect(summarizeStops([buildStopped({ stopMs: 10 }), shared])).toMatchObject({ stopMs: { median: 10, count: 1 }, overlapped: 1 });
    expect(summarizeStops([shared])).toMatchObject({ stopMs: null, reportedMs: null, overlapped: 1 });
  });
});

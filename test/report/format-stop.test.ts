import { describe, expect, it } from 'vitest';
import { formatStopMs } from '../../src/report/format-stop.ts';
import { buildCell, buildErrored, buildHung, buildStopped } from './build-record.ts';

describe('formatStopMs', () => {
  it('prints the median, with p95 and the max when there is more than one trial', () => {
    const several = buildCell(
      buildStopped({ stopMs: 12.34, reportedMs: 12 }),
      buildStopped({ stopMs: 3, reportedMs: 3 }),
      buildStopped({ stopMs: 50.06, reportedMs: 50 }),
    );
    expect(formatStopMs(several)).toBe('12.3 (p95 46.3, max 50.1)');
    expect(formatStopMs(buildCell(buildStopped({ stopMs: 7.25, reportedMs: 7 })))).toBe('7.3');
  });

  it("names the runtime package's own figure when it differs notably from the OS's", () => {
    expect(formatStopMs(buildCell(buildStopped({ stopMs: 6.04, reportedMs: 1.02 })))).toBe('6.0 (tinypool: 1.0)');
    expect(formatStopMs(buildCell(buildStopped({ runtime: 'process', sharedMutex: null, stopMs: 10, reportedMs: 16 })))).toBe('10.0 (execa: 16.0)');
    expect(formatStopMs(buildCell(buildStopped({ stopMs: 10, reportedMs: 20 }), buildStopped({ stopMs: 12, reportedMs: 22 })))).toBe(
      '11.0 (p95 11.9, max 12.0, tinypool: 21.0)',
    );
  });

  it('adds when every probe found nothing left, if that came notably after the stop', () => {
    expect(formatStopMs(buildCell(buildStopped({ stopMs: 6, reportedMs: 6, releasedMs: 40 })))).toBe('6.0 (all released: 40.0)');
    expect(formatStopMs(buildCell(buildStopped({ stopMs: 6, reportedMs: 6, releasedMs: 6.5 })))).toBe('6.0');
  });

  it('leaves out a gap that is timer noise: under 1 ms, or under 20% of the stop time', () => {
    expect(formatStopMs(buildCell(buildStopped({ stopMs: 2, reportedMs: 1.2 })))).toBe('2.0');
    expect(formatStopMs(buildCell(buildStopped({ stopMs: 100, reportedMs: 95 })))).toBe('100.0');
  });

  it('says when the runtime never settled, and in how many trials when not in all', () => {
    expect(formatStopMs(buildCell(buildStopped({ kill: 'exit', stopMs: 4.7, reportedMs: null })))).toBe('4.7 (tinypool never settled)');
    expect(formatStopMs(buildCell(buildStopped({ stopMs: 4, reportedMs: null }), buildStopped({ stopMs: 6, reportedMs: 5.5 })))).toBe(
      '5.0 (p95 5.9, max 6.0, tinypool never settled in 1/2)',
    );
  });

  it('is empty, not 0, when no trial stopped', () => {
    expect(formatStopMs(buildCell(buildHung(), buildErrored()))).toBe('—');
  });
});

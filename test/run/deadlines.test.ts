import { describe, expect, it } from 'vitest';
import { createDeadlines, firedBeforeReady } from '../../src/run/deadlines.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { buildStopped } from '../report/build-record.ts';

const KEY = { workload: 'memory-hog', kill: 'timeout', runtime: 'process', trial: 1 } as const;

describe('createDeadlines', () => {
  it('keeps the configured deadline until a start of the same workload and runtime was seen', () => {
    const deadlines = createDeadlines(1_500, 50);
    deadlines.observe({ ...buildStopped(), workload: 'other', runtime: 'process', startMs: 5_000 });
    expect(deadlines.deadlineFor(KEY)).toBe(1_500);
  });

  it('raises it past three times the slowest start seen, under any kill style, plus the kill delay', () => {
    const deadlines = createDeadlines(1_500, 50);
    deadlines.observe({ ...buildStopped(), workload: 'memory-hog', kill: 'abort', runtime: 'process', startMs: 2_200 });
    deadlines.observe({ ...buildStopped(), workload: 'memory-hog', kill: 'sigkill', runtime: 'process', startMs: 900 });
    expect(deadlines.deadlineFor(KEY)).toBe(6_650);
    expect(deadlines.deadlineFor({ ...KEY, runtime: 'thread' })).toBe(1_500);
  });
});

describe('firedBeforeReady', () => {
  it('names only the error whose cause is a deadline that fired before ready()', () => {
    const errored: TrialResult = { ...KEY, outcome: 'errored', error: 'x', cause: 'deadline-before-ready' };
    expect(firedBeforeReady(errored)).toBe(true);
    expect(firedBeforeReady({ ...KEY, outcome: 'errored', error: 'x' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { buildBaseline } from '../../src/baseline/baseline.ts';
import { compareWithBaseline, STOP_SLOWDOWN_FACTOR, STOP_SLOWDOWN_MARGIN_MS } from '../../src/baseline/compare-baseline.ts';
import { formatComparison } from '../../src/baseline/format-comparison.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { buildLeftovers, buildLocks, buildMemory, buildProcesses, buildTempFiles, MEBIBYTE } from '../report/build-leftovers.ts';
import { buildErrored, buildHung, buildNotApplicable, buildRecord, buildStopped } from '../report/build-record.ts';

// Comparison is a pure function of two recorded runs, so hand-built records exercise every rule exactly.

const CELL = 'leaks-fd / terminate / thread';

function compare(before: TrialResult[], now: TrialResult[]) {
  return compareWithBaseline(buildBaseline(buildRecord(before)), buildRecord(now));
}

function problemsOf(before: TrialResult[], now: TrialResult[]): string[] {
  return compare(before, now).regressions.map((regression) => `${regression.cell}: ${regression.problem}`);
}

describe('compareWithBaseline', () => {
  it('finds nothing when the run repeats its baseline', () => {
    const results = [buildStopped(), buildStopped({ trial: 2 }), buildNotApplicable()];
    expect(compare(results, results)).toEqual({ compared: 2, regressions: [], newCells: [] });
  });

  it('names a probe that found nothing in the baseline and something now, with both numbers and what it found', () => {
    const now = buildStopped({ outcome: 'leaked', leftovers: buildLeftovers({ tempFiles: buildTempFiles(['a', 'b']) }) });
    expect(problemsOf([buildStopped()], [now])).toEqual([
      `${CELL}: new leftover: tempFiles found 2 now (max per trial), 0 in the baseline: <trial>/a, <trial>/b`,
    ]);
  });

  it('does not count a memory leftover that appears, since RSS growth crosses its threshold by chance', () => {
    const now = buildStopped({ outcome: 'leaked', leftovers: buildLeftovers({ memory: buildMemory(64 * MEBIBYTE) }) });
    expect(problemsOf([buildStopped()], [now])).toEqual([]);
  });

  it('counts a leftover the baseline already had when it grew beyond the tolerance, naming the files', () => {
    const leaked = (paths: string[], outside: string[] = []) =>
      buildStopped({
        outcome: 'leaked',
        leftovers: buildLeftovers({
          tempFiles: buildTempFiles(
            paths,
            outside.map((path) => ({ path, attributedBy: 'held-open', birthMs: 1 })),
          ),
        }),
      });
    const before = [leaked(['tmp-1', 'tmp-2'])];
    const grown = [leaked(['tmp-1', 'tmp-2'], ['/tmp/app.pid'])];
    expect(problemsOf(before, grown)).toEqual([
      `${CELL}: leftover grew: tempFiles found 3 now (max per trial), 2 in the baseline, tolerance +0: <trial>/tmp-1, <trial>/tmp-2, /tmp/app.pid`,
    ]);
    expect(problemsOf(before, [leaked(['tmp-1'])])).toEqual([]);
    // A baseline that allows one more per trial lets exactly that through.
    const loose = { ...buildBaseline(buildRecord(before)), leftoverGrowthTolerance: 1 };
    expect(compareWithBaseline(loose, buildRecord(grown)).regressions).toEqual([]);
    expect(compareWithBaseline(loose, buildRecord([leaked(['a', 'b', 'c', 'd'])])).regressions.map((regression) => regression.problem)).toEqual([
      'leftover grew: tempFiles found 4 now (max per trial), 2 in the baseline, tolerance +1: <trial>/a, <trial>/b, <trial>/c, <trial>/d',
    ]);
  });

  it('names surviving processes and held locks when they are new', () => {
    const now = buildStopped({ outcome: 'leaked', leftovers: buildLeftovers({ processes: buildProcesses(1), locks: buildLocks(1) }) });
    const [survivor] = now.leftovers.processes?.survivors ?? [];
    expect(problemsOf([buildStopped()], [now])).toEqual([
      `${CELL}: new leftover: processes found 1 now (max per trial), 0 in the baseline: ${survivor?.command}`,
      `${CELL}: new leftover: locks found 1 now (max per trial), 0 in the baseline: <trial>/file-0`,
    ]);
  });

  it('counts a probe that measured in the baseline and no longer does', () => {
    const now = buildStopped({ leftovers: buildLeftovers({ fds: null }) });
    expect(problemsOf([buildStopped()], [now])).toEqual([`${CELL}: fds no longer measured (found at most 0 in the baseline)`]);
  });

  it('counts cleanup that ran in every trial before and not in every trial now', () => {
    const skipped = buildStopped({ trial: 2, cleanupRan: false, cleanupSteps: [] });
    expect(problemsOf([buildStopped(), buildStopped({ trial: 2 })], [buildStopped(), skipped])).toEqual([
      `${CELL}: cleanup ran in every trial in the baseline, in only some now`,
    ]);
  });

  it('counts a cell that hangs now, and says an errored cell errored once instead of listing every probe', () => {
    expect(problemsOf([buildStopped()], [buildHung()])).toEqual([`${CELL}: hung in 1 and errored in 0 of 1 trials now, none in the baseline`]);
    expect(problemsOf([buildStopped()], [buildErrored()])).toEqual([`${CELL}: hung in 0 and errored in 1 of 1 trials now, none in the baseline`]);
  });

  it('does not count a cell that hung in the baseline too', () => {
    expect(problemsOf([buildHung()], [buildHung()])).toEqual([]);
  });

  it('counts a stop slower than both tolerances, and only then', () => {
    const stoppedIn = (stopMs: number) => [buildStopped({ stopMs })];
    // Fast stops: the margin decides (20 + 250 > 20 × 3).
    expect(problemsOf(stoppedIn(20), stoppedIn(20 + STOP_SLOWDOWN_MARGIN_MS))).toEqual([]);
    expect(problemsOf(stoppedIn(20), stoppedIn(271))).toEqual([
      `${CELL}: stop median 271.0 ms now, 20.0 ms in the baseline (tolerance 270.0 ms: 3× the baseline or 250 ms more, whichever is larger)`,
    ]);
    // Slow stops: the factor decides.
    expect(problemsOf(stoppedIn(200), stoppedIn(200 * STOP_SLOWDOWN_FACTOR))).toEqual([]);
    expect(problemsOf(stoppedIn(200), stoppedIn(601))).toHaveLength(1);
  });

  it('skips baseline cells the run did not select and reports run cells the baseline lacks, neither as a failure', () => {
    const before = [buildStopped(), buildStopped({ workload: 'cpu-loop' })];
    const now = [buildStopped(), buildStopped({ kill: 'abort' })];
    expect(compare(before, now)).toEqual({ compared: 1, regressions: [], newCells: ['leaks-fd / abort / thread'] });
  });

  it('counts a cell whose applicability changed', () => {
    expect(problemsOf([buildNotApplicable()], [buildStopped({ runtime: 'process' })])).toEqual([
      'leaks-fd / terminate / process: applicability changed: not applicable in the baseline, applicable now',
    ]);
  });
});

describe('formatComparison', () => {
  it('lists every regression under its cell, and the cells not checked', () => {
    const now = [buildHung(), buildStopped({ kill: 'abort' })];
    const text = formatComparison(compare([buildStopped()], now), 'ci/baseline.json');
    expect(text.split('\n')).toEqual([
      'baseline check failed against "ci/baseline.json": 1 regressions in 1 of 1 cells compared',
      `  ${CELL}: hung in 1 and errored in 0 of 1 trials now, none in the baseline`,
      '  new cell, not checked: leaks-fd / abort / thread',
      '',
    ]);
  });

  it('says how many cells passed', () => {
    expect(formatComparison(compare([buildStopped()], [buildStopped()]), 'ci/baseline.json')).toBe('baseline check passed: 1 cells compared\n');
  });
});

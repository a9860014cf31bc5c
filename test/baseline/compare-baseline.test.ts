import { describe, expect, it } from 'vitest';
import { buildBaseline } from '../../src/baseline/baseline.ts';
import { compareWithBaseline } from '../../src/baseline/compare-baseline.ts';
import { STOP_SLOWDOWN_FACTOR, STOP_SLOWDOWN_MARGIN_MS } from '../../src/baseline/tolerances.ts';
import { formatComparison, judgeComparison } from '../../src/baseline/format-comparison.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { buildLeftovers, buildLocks, buildMemory, buildProcesses, buildTempFiles, MEBIBYTE } from '../report/build-leftovers.ts';
import { buildErrored, buildHung, buildNotApplicable, buildRecord, buildStopped, buildWorkMemory } from '../report/build-record.ts';

// Comparison is a pure function of two recorded runs, so hand-built records exercise every rule exactly.

const CELL = 'leaks-fd / terminate / thread';
const NOTHING = { compared: 0, regressions: [], improvements: [], unmeasured: [], newCells: [], notRun: [], otherShards: 0 };

function compare(before: TrialResult[], now: TrialResult[]) {
  return compareWithBaseline(buildBaseline(buildRecord(before)), buildRecord(now));
}

function problemsOf(before: TrialResult[], now: TrialResult[]): string[] {
  return compare(before, now).regressions.map((regression) => `${regression.cell}: ${regression.detail}`);
}

describe('compareWithBaseline', () => {
  it('finds nothing when the run repeats its baseline', () => {
    const results = [buildStopped(), buildStopped({ trial: 2 }), buildNotApplicable()];
    expect(compare(results, results)).toEqual({ ...NOTHING, compared: 2 });
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
    expect(compareWithBaseline(loose, buildRecord([leaked(['a', 'b', 'c', 'd'])])).regressions.map((regression) => regression.detail)).toEqual([
      'leftover grew: tempFiles found 4 now (max per trial), 2 in the baseline, tolerance +1: <trial>/a, <trial>/b, <trial>/c, <trial>/d',
    ]);
  });

  it('counts a host that grows per cycle beyond the tolerance (--cycles) as a regression, unless the baseline grew as much', () => {
    const cycles = (mebibytesPerCycle: number) =>
      [1, 2, 3, 4].map((trial) => buildStopped({ trial, cycle: { host: 1, memory: buildWorkMemory(20 + trial * mebibytesPerCycle + (trial % 2) * 0.1) } }));
    expect(problemsOf(cycles(0), cycles(16))).toEqual([
      expect.stringMatching(
        /^leaks-fd \/ terminate \/ thread: host memory grows per cycle: \+16\.0 MiB per cycle \(95%: \+15\.\d to \+16\.\d\) now, \+0\.0 MiB per cycle .* in the baseline \(tolerance \+1\.0 MiB per cycle\)$/,
      ),
    ]);
    expect(problemsOf([buildStopped()], cycles(16))).toEqual([expect.stringContaining('now, not measured in the baseline')]);
    expect(problemsOf(cycles(16), cycles(16))).toEqual([]);
    expect(problemsOf(cycles(16), cycles(32))).toEqual([expect.stringContaining('host memory grows faster per cycle: +32.0 MiB per cycle')]);
    expect(compare(cycles(16), cycles(0)).improvements.map((finding) => finding.detail)).toEqual([
      expect.stringContaining('host memory no longer grows per cycle'),
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

  it('counts a cell that hangs now', () => {
    expect(problemsOf([buildStopped()], [buildHung()])).toEqual([`${CELL}: hung in 1 of 1 trials now, none in the baseline`]);
  });

  it('does not compare a cell whose every trial errored, and says it could not measure it, once', () => {
    const comparison = compare([buildStopped()], [buildErrored(), buildErrored({ trial: 2 })]);
    expect(comparison).toMatchObject({ compared: 0, regressions: [] });
    expect(comparison.unmeasured).toEqual([{ cell: CELL, detail: 'every trial errored (2 of 2), so nothing could be compared' }]);
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

  it('names baseline cells the run did not run and run cells the baseline lacks, neither as a failure', () => {
    const before = [buildStopped(), buildStopped({ workload: 'cpu-loop' })];
    const now = [buildStopped(), buildStopped({ kill: 'abort' })];
    expect(compare(before, now)).toEqual({ ...NOTHING, compared: 1, newCells: ['leaks-fd / abort / thread'], notRun: ['cpu-loop / terminate / thread'] });
  });

  it("counts the baseline cells of a sharded run's selection that other shards hold, apart from those it never selected", () => {
    const before = [buildStopped(), buildStopped({ runtime: 'process' }), buildStopped({ workload: 'cpu-loop' })];
    const shard = buildRecord([buildStopped()], { plan: { ...buildRecord([]).plan, shard: { index: 1, count: 2 } } });
    expect(compareWithBaseline(buildBaseline(buildRecord(before)), shard)).toMatchObject({
      compared: 1,
      otherShards: 1,
      notRun: ['cpu-loop / terminate / thread'],
    });
  });

  it('names what got better, by the mirror of each rule, and nothing for noise within the tolerances', () => {
    const leaked = buildStopped({
      outcome: 'leaked',
      leftovers: buildLeftovers({ tempFiles: buildTempFiles(['a', 'b']) }),
      cleanupRan: false,
      cleanupSteps: [],
    });
    expect(compare([leaked], [buildStopped()]).improvements.map((found) => found.detail)).toEqual([
      'no tempFiles left now, 2 in the baseline (max per trial)',
      'cleanup ran in every trial now, in none in the baseline',
    ]);
    expect(compare([buildHung()], [buildStopped()]).improvements.map((found) => found.detail)).toEqual([
      'no trial hung or errored now; hung in 1 and errored in 0 of 1 in the baseline',
    ]);
    expect(compare([buildStopped({ stopMs: 900 })], [buildStopped({ stopMs: 20 })]).improvements.map((found) => found.detail)).toEqual([
      'stop median 20.0 ms now, 900.0 ms in the baseline',
    ]);
    expect(compare([buildStopped({ stopMs: 40 })], [buildStopped({ stopMs: 20 })]).improvements).toEqual([]);
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
      'baseline check failed against "ci/baseline.json": 1 regression in 1 of 1 cell compared',
      `  ${CELL}: hung in 1 of 1 trials now, none in the baseline`,
      '  new cell, not checked: leaks-fd / abort / thread',
      '',
    ]);
  });

  it('says how many cells passed, and names every baseline cell it did not run', () => {
    expect(formatComparison(compare([buildStopped()], [buildStopped()]), 'ci/baseline.json')).toBe(
      'baseline check passed against "ci/baseline.json": 1 cell compared\n',
    );
    const narrowed = compare([buildStopped(), buildStopped({ kill: 'abort' }), buildStopped({ kill: 'sigkill' })], [buildStopped()]);
    expect(formatComparison(narrowed, 'b.json').split('\n')).toEqual([
      'baseline check passed against "b.json": 1 cell compared; 2 baseline cells not run, named below',
      '  baseline cell not run, not checked: leaks-fd / abort / thread',
      '  baseline cell not run, not checked: leaks-fd / sigkill / thread',
      '',
    ]);
  });

  it('fails a check that compared nothing, or could not measure a cell, with a message of its own', () => {
    const nothing = compare([buildStopped()], [buildErrored()]);
    expect(judgeComparison(nothing)).toBe('unmeasured');
    expect(formatComparison(nothing, 'b.json').split('\n')).toEqual([
      'baseline check failed against "b.json": no cell could be compared, so nothing was checked',
      `  could not measure: ${CELL}: every trial errored (1 of 1), so nothing could be compared`,
      '',
    ]);
    expect(judgeComparison(compare([buildStopped()], [buildStopped(), buildErrored({ runtime: 'process' })]))).toBe('held');
  });
});

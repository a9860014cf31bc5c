import { type CheckRequest, checkCoverage } from '../baseline/check-coverage.ts';
import { compareWithBaseline } from '../baseline/compare-baseline.ts';
import type { CellIdentity } from '../baseline/cover-baseline.ts';
import { formatComparison, judgeComparison } from '../baseline/format-comparison.ts';
import type { RunRecord } from '../record/run-record.ts';
import { planTrials } from '../run/plan-trials.ts';
import type { HarnessRun } from '../run/run-harness.ts';
import { exitCodeOf } from './exit-codes.ts';
import { reportCheckToGitHub } from './report-to-github.ts';

/** Before any trial: the baseline must hold cells of this run, and every one of its own when the scope says so. */
export function checkCoverageOf(check: CheckRequest, run: HarnessRun): void {
  checkCoverage(check, planCells(run), run);
}

/**
 * The reports are written either way; the exit code and stderr tell CI whether any cell regressed (1), or whether the
 * check could not measure what it was to compare (3), and on GitHub Actions the job summary and annotations say the same.
 */
export function checkAgainst(check: CheckRequest, record: RunRecord): number {
  const comparison = compareWithBaseline(check.baseline, record);
  process.stderr.write(formatComparison(comparison, check.path));
  reportCheckToGitHub(check, comparison);
  const verdict = judgeComparison(comparison);
  return exitCodeOf(verdict === 'regressed' ? 'regression' : verdict === 'unmeasured' ? 'couldNotMeasure' : 'held');
}

/** The run's cells (this shard's), one planned trial each: what a check must find in its baseline before anything starts. */
function planCells(run: HarnessRun): CellIdentity[] {
  return planTrials({ ...run, trials: 1 }).map(({ key: { trial: _trial, ...cell } }) => cell);
}

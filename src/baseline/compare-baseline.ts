import { PROBE_NAMES } from '../probes/probes.ts';
import type { RunRecord } from '../record/run-record.ts';
import { type CellSummary, summarizeCells } from '../analysis/summarize-cell.ts';
import { summarizeCycles } from '../analysis/summarize-cycles.ts';
import { cellId, nameCell } from '../record/trial-result.ts';
import { type Baseline, type BaselineCell, type MeasuredCell, toBaselineCell } from './baseline.ts';
import { compareCycleGrowth, findLessCycleGrowth } from './cycle-growth.ts';
import { nameLeftovers } from './name-leftovers.ts';
import { coverBaseline } from './cover-baseline.ts';
import { findImprovements } from './find-improvements.ts';
import { formatMs, NOISY_PROBES, STOP_SLOWDOWN_FACTOR, STOP_SLOWDOWN_MARGIN_MS } from './tolerances.ts';

/** One way a cell differs from its baseline (worse, better, or not measurable), with the numbers on both sides. */
export interface CellFinding {
  readonly cell: string;
  readonly detail: string;
}

/** What a check found: only cells in both the run and the baseline are compared; the rest are named. */
export interface Comparison {
  /** Cells in both the run and the baseline that the run measured (or found not applicable, as the baseline may). */
  readonly compared: number;
  readonly regressions: CellFinding[];
  /** Cells better than their baseline: a cue to --update-baseline, never a failure. */
  readonly improvements: CellFinding[];
  /** Cells in both whose every trial errored: the check could not measure them. */
  readonly unmeasured: CellFinding[];
  /** Cells of the run the baseline has no entry for: reported, never a failure. */
  readonly newCells: string[];
  /** Baseline cells the run did not run: named, not checked. */
  readonly notRun: string[];
  /** Baseline cells of the run's selection that other shards of a --shard run hold. */
  readonly otherShards: number;
}

/** Holds a run to a baseline; baseline cells the run did not run are named, and fail only a check scoped to the whole baseline (checked up front). */
export function compareWithBaseline(baseline: Baseline, record: RunRecord): Comparison {
  const summaries = summarizeCells(record.results);
  const cycles = new Map(summarizeCycles(record.results).map((cell) => [cellId(cell), cell]));
  const coverage = coverBaseline(baseline.cells, summaries, record.plan);
  const expected = new Map(coverage.covered.map((cell) => [cellId(cell), cell]));
  const comparison = { regressions: [] as CellFinding[], improvements: [] as CellFinding[], unmeasured: [] as CellFinding[] };
  let compared = 0;
  for (const summary of summaries) {
    const expectedCell = expected.get(cellId(summary));
    if (expectedCell === undefined) continue;
    const actual = toBaselineCell(summary, cycles.get(cellId(summary)));
    const cell = nameCell(actual);
    const findings = (details: string[]) => details.map((detail) => ({ cell, detail }));
    if (actual.outcome !== 'not-applicable' && actual.outcome.errored === actual.outcome.trials) {
      comparison.unmeasured.push(...findings([`every trial errored (${actual.outcome.errored} of ${actual.outcome.trials}), so nothing could be compared`]));
      continue;
    }
    compared += 1;
    comparison.regressions.push(
      ...findings([
        ...compareCell(expectedCell, actual, { tolerance: baseline.leftoverGrowthTolerance, summary }),
        ...compareCycleGrowth(expectedCell, actual, baseline.cycleGrowthToleranceBytes),
      ]),
    );
    comparison.improvements.push(
      ...findings([...findImprovements(expectedCell, actual), ...findLessCycleGrowth(expectedCell, actual, baseline.cycleGrowthToleranceBytes)]),
    );
  }
  return {
    compared,
    ...comparison,
    newCells: coverage.newCells.map(nameCell),
    notRun: coverage.notRun.map(nameCell),
    otherShards: coverage.otherShards.length,
  };
}

/** What a cell's leftovers are compared with besides the baseline: its tolerance, and the run's own findings to name. */
interface LeftoverContext {
  readonly tolerance: number;
  readonly summary: CellSummary;
}

function compareCell(expected: BaselineCell, actual: BaselineCell, context: LeftoverContext): string[] {
  if (expected.outcome === 'not-applicable' || actual.outcome === 'not-applicable') {
    if (expected.outcome === actual.outcome) return [];
    return [`applicability changed: ${describeApplicability(expected)} in the baseline, ${describeApplicability(actual)} now`];
  }
  // What a stop left is read from the trials it ended: a cell that now only hung or errored says so once (below),
  // not once per probe that had nothing ended to read.
  const endedNow = actual.outcome.stopped + actual.outcome.leaked > 0;
  const probeChecks = endedNow ? [...compareLeftovers(expected, actual, context), ...compareCleanup(expected, actual)] : [];
  return [...probeChecks, ...compareEnding(expected, actual), ...compareStop(expected, actual)];
}

function describeApplicability(cell: BaselineCell): string {
  return cell.outcome === 'not-applicable' ? 'not applicable' : 'applicable';
}

/**
 * A probe that found nothing before and something now, or more now than before beyond the baseline's tolerance;
 * each names what the trial that left the most left behind.
 */
function compareLeftovers(expected: MeasuredCell, actual: MeasuredCell, { tolerance, summary }: LeftoverContext): string[] {
  return PROBE_NAMES.flatMap((probe) => {
    const [before, now] = [expected.leftovers[probe], actual.leftovers[probe]];
    if (before !== null && now === null) return [`${probe} no longer measured (found at most ${before} in the baseline)`];
    if (before === null || now === null || NOISY_PROBES.includes(probe)) return [];
    const names = nameLeftovers(probe, summary.leftovers[probe]?.worst ?? null);
    if (before === 0 && now > 0) return [`new leftover: ${probe} found ${now} now (max per trial), 0 in the baseline${names}`];
    if (before > 0 && now > before + tolerance)
      return [`leftover grew: ${probe} found ${now} now (max per trial), ${before} in the baseline, tolerance +${tolerance}${names}`];
    return [];
  });
}

function compareCleanup(expected: MeasuredCell, actual: MeasuredCell): string[] {
  if (expected.cleanupRan !== 'always' || actual.cleanupRan === 'always') return [];
  const now = { never: 'in none', sometimes: 'in only some', 'not-measured': 'not measured' }[actual.cleanupRan];
  return [`cleanup ran in every trial in the baseline, ${now} now`];
}

/** A cell that now hangs where it never did; errored trials measured nothing, and fail the run as --fail-on says. */
function compareEnding(expected: MeasuredCell, actual: MeasuredCell): string[] {
  const { hung, trials } = actual.outcome;
  if (expected.outcome.hung > 0 || hung === 0) return [];
  return [`hung in ${hung} of ${trials} trials now, none in the baseline`];
}

function compareStop(expected: MeasuredCell, actual: MeasuredCell): string[] {
  const [before, now] = [expected.stopMsMedian, actual.stopMsMedian];
  if (before === null || now === null) return [];
  const limit = Math.max(before * STOP_SLOWDOWN_FACTOR, before + STOP_SLOWDOWN_MARGIN_MS);
  if (now <= limit) return [];
  return [
    `stop median ${formatMs(now)} now, ${formatMs(before)} in the baseline (tolerance ${formatMs(limit)}: ` +
      `${STOP_SLOWDOWN_FACTOR}× the baseline or ${STOP_SLOWDOWN_MARGIN_MS} ms more, whichever is larger)`,
  ];
}

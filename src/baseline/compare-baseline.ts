import { type Leftovers, PROBE_NAMES } from '../probes/probes.ts';
import type { RunRecord } from '../record/run-record.ts';
import { type CellSummary, summarizeCells } from '../analysis/summarize-cell.ts';
import { cellId, nameCell } from '../record/trial-result.ts';
import { type Baseline, type BaselineCell, type MeasuredCell, toBaselineCell } from './baseline.ts';
import { nameLeftovers } from './name-leftovers.ts';

// Stop times on a noisy 2-core CI machine vary several-fold from run to run: the same 18 ms stop took 96 ms in a
// full test run. A stop regresses only when it is slower than both bounds; a stop that turned into a forced one
// (a grace period of a second) or a hang is still caught.
export const STOP_SLOWDOWN_FACTOR = 3;
export const STOP_SLOWDOWN_MARGIN_MS = 250;

// A thread's host RSS can cross the memory probe's threshold by chance between two runs of the same code (a
// worker's heap goes back to the OS lazily): a new memory leftover would fail CI at random, so only its measurement counts.
export const NOISY_PROBES: readonly (keyof Leftovers)[] = ['memory'];

/** One way a cell got worse than its baseline, with the numbers on both sides. */
export interface Regression {
  readonly cell: string;
  readonly problem: string;
}

/** What a check found: only cells in both the run and the baseline are compared. */
export interface Comparison {
  readonly compared: number;
  readonly regressions: Regression[];
  /** Cells of the run the baseline has no entry for: reported, never a failure. */
  readonly newCells: string[];
}

/** Holds a run to a baseline; baseline cells the run did not select (a smaller --workload list, say) are skipped. */
export function compareWithBaseline(baseline: Baseline, record: RunRecord): Comparison {
  const expected = new Map(baseline.cells.map((cell) => [cellId(cell), cell]));
  const regressions: Regression[] = [];
  const newCells: string[] = [];
  let compared = 0;
  for (const summary of summarizeCells(record.results)) {
    const actual = toBaselineCell(summary);
    const expectedCell = expected.get(cellId(actual));
    if (expectedCell === undefined) {
      newCells.push(nameCell(actual));
      continue;
    }
    compared += 1;
    const problems = compareCell(expectedCell, actual, { tolerance: baseline.leftoverGrowthTolerance, summary });
    regressions.push(...problems.map((problem) => ({ cell: nameCell(actual), problem })));
  }
  return { compared, regressions, newCells };
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

function compareEnding(expected: MeasuredCell, actual: MeasuredCell): string[] {
  const { hung, errored, trials } = actual.outcome;
  if (expected.outcome.hung + expected.outcome.errored > 0 || hung + errored === 0) return [];
  return [`hung in ${hung} and errored in ${errored} of ${trials} trials now, none in the baseline`];
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

function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

import type { EngineKey } from '../engines/engine-target.ts';
import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import { type Leftovers, PROBE_NAMES } from '../probes/probes.ts';
import { type CellSummary, summarizeCells } from '../analysis/summarize-cell.ts';
import type { RunRecord } from '../record/run-record.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import { CYCLE_GROWTH_NOTABLE_BYTES, type CycleMemory, summarizeCycles } from '../analysis/summarize-cycles.ts';
import { cellId } from '../record/trial-result.ts';
import type { SlopeFit } from '../statistics/fit-slope.ts';

/** The version of docs/baseline.md a baseline file follows; a file of any other version is refused, not guessed at. */
export const BASELINE_VERSION = 1;

/** Whether the workload's cleanup ran over the trials a cell's kill ended; 'not-measured' when none could show it. */
export type CleanupRate = 'always' | 'never' | 'sometimes' | 'not-measured';
export const CLEANUP_RATES: readonly CleanupRate[] = ['always', 'never', 'sometimes', 'not-measured'];

/** How a cell's trials ended, by count. */
export interface OutcomeCounts {
  readonly trials: number;
  readonly stopped: number;
  readonly leaked: number;
  readonly hung: number;
  readonly errored: number;
}

/** Per probe, the largest total one trial left; null when no trial was measured by it ("not measured", never 0). */
export type LeftoverMaxima = { [Name in keyof Leftovers]: number | null };

interface CellIdentity {
  readonly workload: string;
  readonly kill: KillStyleName;
  readonly runtime: RuntimeName;
  /** The engine the cell ran on, for a run given --engine or --node: a check compares each engine (by its label) with its own. */
  readonly engine?: EngineKey;
}

/** A cell whose kill style has no meaning in its runtime: there is nothing to expect of it but that. */
export interface NotApplicableCell extends CellIdentity {
  readonly outcome: 'not-applicable';
}

/** What a later run of the cell is held to. */
export interface MeasuredCell extends CellIdentity {
  readonly outcome: OutcomeCounts;
  readonly leftovers: LeftoverMaxima;
  readonly cleanupRan: CleanupRate;
  /** The median stop time of the stopped and leaked trials, in ms; null when none stopped. */
  readonly stopMsMedian: number | null;
  /**
   * In a run given --cycles: the host's PSS growth per cycle, bytes, with its 95% interval; null when no slope could be
   * drawn (fewer than 3 cycles read in one host). Absent for a run without --cycles.
   */
  readonly cycleGrowth?: CycleGrowth | null;
}

/** A least-squares slope of the host's PSS over a cell's cycles, in bytes per cycle. */
export interface CycleGrowth {
  readonly bytesPerCycle: number;
  readonly lowerBytes: number;
  readonly upperBytes: number;
}

export type BaselineCell = NotApplicableCell | MeasuredCell;

/** The expectations a CI run is checked against: one entry per cell of the run it was taken from. */
export interface Baseline {
  readonly baselineVersion: typeof BASELINE_VERSION;
  readonly createdAt: string;
  /** The command of the run it was taken from, so a check can be run with the same selection. */
  readonly command: string;
  /**
   * How much a leftover may grow in a cell that already left it before the growth counts as a regression: the most
   * one trial left may exceed the baseline's by this many. 0 unless the file says otherwise (edit it to loosen).
   */
  readonly leftoverGrowthTolerance: number;
  /**
   * Growth of the host's PSS per cycle (--cycles), in bytes, that even the lower end of a cell's 95% interval must
   * exceed before the cell counts as growing. CYCLE_GROWTH_NOTABLE_BYTES unless the file says otherwise.
   */
  readonly cycleGrowthToleranceBytes: number;
  readonly cells: BaselineCell[];
}

/** A baseline written by --update-baseline holds the run to the same leftovers, none more. */
export const DEFAULT_LEFTOVER_GROWTH_TOLERANCE = 0;

/** Takes a run's expectations from the same cell summaries the report shows, so the two can never disagree. */
export function buildBaseline(record: RunRecord): Baseline {
  return {
    baselineVersion: BASELINE_VERSION,
    createdAt: record.finishedAt,
    command: record.command,
    leftoverGrowthTolerance: DEFAULT_LEFTOVER_GROWTH_TOLERANCE,
    cycleGrowthToleranceBytes: CYCLE_GROWTH_NOTABLE_BYTES,
    cells: toBaselineCells(record.results),
  };
}

/** The run's cells in the shape of a baseline, each with its growth per cycle when the run had --cycles. */
export function toBaselineCells(results: RunRecord['results']): BaselineCell[] {
  const cycles = new Map(summarizeCycles(results).map((cell) => [cellId(cell), cell]));
  return summarizeCells(results).map((summary) => toBaselineCell(summary, cycles.get(cellId(summary))));
}

/** A cell summary in the shape of a baseline: what a check compares against the recorded expectations. */
export function toBaselineCell(summary: CellSummary, cycles?: CycleMemory): BaselineCell {
  const { workload, kill, runtime, engine } = summary;
  const identity = { workload, kill, runtime, ...(engine === undefined ? {} : { engine }) };
  if (summary.notApplicable !== null) return { ...identity, outcome: 'not-applicable' };
  const { stopped, leaked, hung, errored } = summary.outcomes;
  return {
    ...identity,
    outcome: { trials: summary.trials, stopped, leaked, hung, errored },
    leftovers: maximaOf(summary),
    cleanupRan: rateCleanup(summary.cleanupRan, summary.cleanupMeasured),
    stopMsMedian: summary.stopMs?.median ?? null,
    ...(cycles === undefined ? {} : { cycleGrowth: toCycleGrowth(cycles.pssSlope) }),
  };
}

function toCycleGrowth(slope: SlopeFit | null): CycleGrowth | null {
  return slope === null ? null : { bytesPerCycle: slope.slope, lowerBytes: slope.lower, upperBytes: slope.upper };
}

function maximaOf({ leftovers }: CellSummary): LeftoverMaxima {
  return Object.fromEntries(PROBE_NAMES.map((name) => [name, leftovers[name]?.worst.total ?? null])) as LeftoverMaxima;
}

function rateCleanup(ran: number, measured: number): CleanupRate {
  if (measured === 0) return 'not-measured';
  if (ran === measured) return 'always';
  return ran === 0 ? 'never' : 'sometimes';
}

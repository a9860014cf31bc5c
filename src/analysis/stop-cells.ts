import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import { cellId, type StoppedTrial, type TrialOutcome, type TrialResult } from '../record/trial-result.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import { LEFTOVER_KIND_NAMES, LEFTOVER_KINDS, type LeftoverFound, type LeftoverKindName } from './leftover-kinds.ts';

/** One kind of leftover over the leaked trials of a cell. */
export interface LeftoverTally {
  readonly kind: LeftoverKindName;
  /** Leaked trials that left something of this kind. */
  readonly trials: number;
  /** The most one trial left of it, and what that was. */
  readonly most: LeftoverFound;
}

/** How the trials of one cell (a workload, a kill style, a runtime) ended, and what its leaked trials left, by name. */
export interface StopCell {
  readonly trials: number;
  readonly outcomes: Readonly<Record<TrialOutcome, number>>;
  /** Hung trials whose work never became ready: the kill was never applied, so they say nothing of the stop either. */
  readonly hungAtStart: number;
  /** Only from leaked trials: a hung worker still holds everything it had, which says the stop failed, not what a stop leaves. */
  readonly leftovers: readonly LeftoverTally[];
}

/**
 * Worst first: a cell of mixed outcomes is drawn as its worst. Errored ranks above stopped, so that a cell with a
 * trial that could not run never looks clean; not applicable ranks last, it is never mixed with the others.
 */
export const OUTCOMES_WORST_FIRST: readonly TrialOutcome[] = ['hung', 'leaked', 'errored', 'stopped', 'not-applicable'];

/** The cell of a workload, kill style and runtime; null when the run recorded no trial of it (an incomplete run). */
export type FindStopCell = (workload: string, kill: KillStyleName, runtime: RuntimeName) => StopCell | null;

/** Groups the results (of one Node.js: see src/report/node-views.ts) into cells once; the first section's table and its grid read the same cells. */
export function collectStopCells(results: readonly TrialResult[]): FindStopCell {
  const byCell = new Map<string, TrialResult[]>();
  for (const result of results) {
    const id = cellId(result);
    byCell.set(id, [...(byCell.get(id) ?? []), result]);
  }
  const cells = new Map([...byCell].map(([id, trials]) => [id, summarizeStopCell(trials)]));
  return (workload, kill, runtime) => cells.get(cellId({ workload, kill, runtime })) ?? null;
}

export function findWorstOutcome(cell: StopCell): TrialOutcome {
  return OUTCOMES_WORST_FIRST.find((outcome) => cell.outcomes[outcome] > 0) ?? 'not-applicable';
}

function summarizeStopCell(trials: readonly TrialResult[]): StopCell {
  const outcomes = { stopped: 0, leaked: 0, hung: 0, errored: 0, 'not-applicable': 0 };
  for (const trial of trials) outcomes[trial.outcome] += 1;
  const leaked = trials.filter((trial): trial is StoppedTrial => trial.outcome === 'leaked');
  return {
    trials: trials.length,
    outcomes,
    hungAtStart: trials.filter((trial) => trial.outcome === 'hung' && trial.phase === 'start').length,
    leftovers: LEFTOVER_KIND_NAMES.flatMap((kind) => tallyKind(kind, leaked)),
  };
}

/** The trials that left this kind, and of them the one that left most (the first on ties), so its names match its count. */
function tallyKind(kind: LeftoverKindName, leaked: readonly StoppedTrial[]): LeftoverTally[] {
  const found = leaked.flatMap((trial) => {
    const left = LEFTOVER_KINDS[kind].find(trial);
    return left === null ? [] : [left];
  });
  const [first, ...rest] = found;
  if (first === undefined) return [];
  return [{ kind, trials: found.length, most: rest.reduce((most, left) => (left.count > most.count ? left : most), first) }];
}

import type { RunPlan } from '../record/run-record.ts';
import { cellId, nameCell, type TrialKey } from '../record/trial-result.ts';
import type { BaselineCell } from './baseline.ts';

/** A cell by name: what a run plans and a baseline holds. */
export type CellIdentity = Omit<TrialKey, 'trial'>;

/** Which baseline cells a run covers, and what it leaves out. */
export interface Coverage {
  /** Baseline cells the run runs (or ran): the ones a check compares. */
  readonly covered: BaselineCell[];
  /** Baseline cells the run does not run (outside its --workload, --kill, --runtime, --engine): not checked by it. */
  readonly notRun: BaselineCell[];
  /** Baseline cells of the run's selection that fall to the other shards of a --shard run. */
  readonly otherShards: BaselineCell[];
  /** Cells of the run the baseline has no entry for. */
  readonly newCells: CellIdentity[];
}

/** The selection a run made, whatever its shard: the names its cells are the product of. */
export type Selection = Pick<RunPlan, 'runtimes' | 'kills' | 'workloads' | 'engines' | 'shard'>;

/** Splits the baseline's cells by whether the run's cells (`cells`, this shard's) cover them. */
export function coverBaseline(baseline: readonly BaselineCell[], cells: readonly CellIdentity[], selection: Selection): Coverage {
  const run = new Set(cells.map(cellId));
  const held = new Set(baseline.map(cellId));
  const covered = baseline.filter((cell) => run.has(cellId(cell)));
  const outside = baseline.filter((cell) => !run.has(cellId(cell)));
  return {
    covered,
    notRun: selection.shard === null ? outside : outside.filter((cell) => !isSelected(cell, selection)),
    otherShards: selection.shard === null ? [] : outside.filter((cell) => isSelected(cell, selection)),
    newCells: cells.filter((cell) => !held.has(cellId(cell))),
  };
}

function isSelected(cell: CellIdentity, { runtimes, kills, workloads, engines }: Selection): boolean {
  const labels = engines?.map((engine) => engine.label);
  const onEngine = labels === undefined ? cell.engine === undefined : cell.engine !== undefined && labels.includes(cell.engine.label);
  return onEngine && runtimes.includes(cell.runtime) && kills.includes(cell.kill) && workloads.some((workload) => workload.name === cell.workload);
}

/** "a / b / c, d / e / f and 12 more": a list of cells that fits one line. */
export function nameCells(cells: readonly CellIdentity[], shown = 5): string {
  const names = cells.slice(0, shown).map(nameCell);
  return `${names.join('; ')}${cells.length > shown ? `; and ${cells.length - shown} more` : ''}`;
}

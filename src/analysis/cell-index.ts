import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import type { RunRecord } from '../record/run-record.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { StoppedTrial, TrialResult } from '../record/trial-result.ts';
import { type CellKey, type CellSummary, summarizeCells } from './summarize-cell.ts';

/**
 * One cell as the tradeoffs and claims read it. What a kill left behind is judged on the trials it ended (`ended`):
 * a hung trial's worker still holds everything it had, which says the stop failed, not what a stop leaves.
 */
export interface CellView extends CellKey {
  /** Every trial of the cell. */
  readonly all: CellSummary;
  /** Only its stopped and leaked trials; null when the kill ended none. */
  readonly ended: CellSummary | null;
}

/** The run's cells, looked up by key. */
export interface CellIndex {
  /** Every workload with a recorded trial, in the order the trials ran. */
  readonly workloads: readonly string[];
  find(workload: string, kill: KillStyleName, runtime: RuntimeName): CellView | null;
  /** The cells of one kill style in one runtime whose trials reached the probes, in the order they ran. */
  select(kill: KillStyleName, runtime: RuntimeName): CellView[];
  /** The same with the cells whose every trial errored, for claims that count errors. */
  selectWithErrored(kill: KillStyleName, runtime: RuntimeName): CellView[];
  /** Each kill style in each runtime, its workloads pooled into one cell, in the order they ran. */
  readonly styles: readonly CellView[];
  /** The pooled cell of one kill style in one runtime; null when it has no probed trial. */
  findStyle(kill: KillStyleName, runtime: RuntimeName): CellView | null;
}

/** Every workload's cells under one name: a kill style's trials in a runtime, pooled over the run. */
const ALL_WORKLOADS = '*';

const INDEXES = new WeakMap<RunRecord, CellIndex>();

/** The index of a record is built once: every tradeoff rule and claim reads the same one. */
export function indexCells(record: RunRecord): CellIndex {
  const cached = INDEXES.get(record);
  if (cached !== undefined) return cached;
  const views = viewCells(record.results);
  const styles = viewCells(poolWorkloads(record.results));
  const byKey = new Map(views.map((view) => [identify(view), view]));
  const ofStyle = (kill: KillStyleName, runtime: RuntimeName) => views.filter((view) => view.kill === kill && view.runtime === runtime);
  const index: CellIndex = {
    workloads: [...new Set(record.results.map((result) => result.workload))],
    find: (workload, kill, runtime) => byKey.get(identify({ workload, kill, runtime })) ?? null,
    select: (kill, runtime) => ofStyle(kill, runtime).filter((view) => view.all.probed > 0),
    selectWithErrored: (kill, runtime) => ofStyle(kill, runtime).filter((view) => view.all.probed + view.all.outcomes.errored > 0),
    styles,
    findStyle: (kill, runtime) => styles.find((view) => view.kill === kill && view.runtime === runtime && view.all.probed > 0) ?? null,
  };
  INDEXES.set(record, index);
  return index;
}

/** The probed cells of one kill style in one runtime for the given workloads, in their order. */
export function selectCells(index: CellIndex, kill: KillStyleName, runtime: RuntimeName, workloads: readonly string[]): CellView[] {
  return workloads.flatMap((workload) => {
    const cell = index.find(workload, kill, runtime);
    return cell !== null && cell.all.probed > 0 ? [cell] : [];
  });
}

/** The cells of the results, in the order they ran, each with its ended trials apart. */
function viewCells(results: readonly TrialResult[]): CellView[] {
  const ended = new Map(summarizeCells(results.filter(isEnded)).map((cell) => [identify(cell), cell]));
  return summarizeCells(results).map((all) => ({ workload: all.workload, kill: all.kill, runtime: all.runtime, all, ended: ended.get(identify(all)) ?? null }));
}

/** The same results with every workload under one name, so that a kill style's cells in a runtime summarize as one. */
function poolWorkloads(results: readonly TrialResult[]): TrialResult[] {
  return results.map((result) => ({ ...result, workload: ALL_WORKLOADS }));
}

function isEnded(result: TrialResult): result is StoppedTrial {
  return result.outcome === 'stopped' || result.outcome === 'leaked';
}

function identify(key: CellKey): string {
  return JSON.stringify([key.workload, key.kill, key.runtime]);
}

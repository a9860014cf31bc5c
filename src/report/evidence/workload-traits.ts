import { KILL_STYLE_NAMES, type KillStyleName } from '../../kill-styles/kill-styles.ts';
import type { RuntimeName } from '../../runtime/runtime.ts';
import type { CellSummary } from '../../summaries/summarize-cell.ts';
import type { CellIndex, CellView } from './cell-index.ts';
import { FINDINGS } from './findings.ts';

// What the run itself shows about a workload, so rules and claims pick their cells from measurements, not from names.

/** The signals that end a child with Node's default disposition, without a handler of the workload's. */
export const PLAIN_SIGNALS: readonly KillStyleName[] = ['sigterm', 'sigint', 'sigkill'];

/**
 * Workloads that have cleanup to run: a cooperative abort in this runtime ran it in at least one trial. Only for those
 * does "cleanup did not run" say something about the stop rather than about the workload.
 */
export function findWorkloadsWithCleanup(index: CellIndex, runtime: RuntimeName): string[] {
  return index.select('abort', runtime).flatMap((view) => (view.all.cleanupRan > 0 ? [view.workload] : []));
}

/** The abort cells that hung: workloads that did not see the cooperative stop within the stop timeout (blocked in a call). */
export function findBlockedCells(index: CellIndex, runtime: RuntimeName): CellView[] {
  return index.select('abort', runtime).filter((view) => view.all.outcomes.hung > 0);
}

/**
 * Workloads that start processes of their own: in a thread every surviving process of the trial is one the workload
 * started, and so is any survivor of a plain signal that ended a child (the child itself was reaped).
 */
export function findSpawningWorkloads(index: CellIndex): string[] {
  return index.workloads.filter((workload) => {
    const inThread = KILL_STYLE_NAMES.map((kill) => index.find(workload, kill, 'thread')?.all);
    const afterSignal = PLAIN_SIGNALS.map((kill) => index.find(workload, kill, 'process')?.ended);
    return [...inThread, ...afterSignal].some((cell) => cell !== undefined && cell !== null && leftProcesses(cell));
  });
}

function leftProcesses(cell: CellSummary): boolean {
  return (FINDINGS.processes.share(cell)?.found ?? 0) > 0;
}

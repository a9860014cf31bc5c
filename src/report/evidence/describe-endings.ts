import type { CellView } from './cell-index.ts';
import { citeCells } from './cite.ts';

/**
 * How a stop went over some cells, in trials: `ended the work in 1/3 trials (a / timeout / thread) and hung in 2/3
 * (b, c / timeout / thread)`; each part cites only the cells where it happened. Errored trials count in the total.
 */
export function describeEndings(cells: readonly CellView[], workloads: readonly string[]): string {
  const total = cells.reduce((sum, cell) => sum + cell.all.trials, 0);
  const ended = cells.filter((cell) => cell.ended !== null);
  const hung = cells.filter((cell) => cell.all.outcomes.hung > 0);
  const { ended: endedTrials, hung: hungTrials } = countEndings(cells);
  const parts = [
    ended.length === 0 ? null : `ended the work in ${endedTrials}/${total} trials ${citeCells(ended, workloads)}`,
    hung.length === 0 ? null : `hung in ${hungTrials}/${total} ${citeCells(hung, workloads)}`,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? `neither ended the work nor hung in ${total} trials ${citeCells(cells, workloads)}` : parts.join(' and ');
}

/** Trials of the cells that ended and that hung. */
export function countEndings(cells: readonly CellView[]): { readonly ended: number; readonly hung: number } {
  return {
    ended: cells.reduce((sum, cell) => sum + cell.all.outcomes.stopped + cell.all.outcomes.leaked, 0),
    hung: cells.reduce((sum, cell) => sum + cell.all.outcomes.hung, 0),
  };
}

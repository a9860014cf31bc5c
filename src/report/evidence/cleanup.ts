import type { CellView } from './cell-index.ts';
import type { Share } from './findings.ts';

/** Trials whose workload marked its cleanup as run, out of the trials where it could; null when there were none. */
export function shareCleanupRan(cells: readonly CellView[]): Share | null {
  const of = cells.reduce((sum, cell) => sum + cell.all.cleanupMeasured, 0);
  return of === 0 ? null : { found: cells.reduce((sum, cell) => sum + cell.all.cleanupRan, 0), of };
}

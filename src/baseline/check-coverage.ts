import type { Baseline } from './baseline.ts';
import { BaselineError } from './baseline-error.ts';
import { type CellIdentity, coverBaseline, nameCells, type Selection } from './cover-baseline.ts';

/** The check a run was given: the file, what it holds, and which of its cells the run must cover (--check-scope). */
export interface CheckRequest {
  readonly path: string;
  readonly baseline: Baseline;
  readonly scope: 'run' | 'baseline';
}

/**
 * Before any trial starts: a check that could compare nothing (a baseline of other workloads, kill styles, runtimes
 * or versions, or a shard whose share holds none of its cells) is refused, as is a run that leaves baseline cells out
 * when the check's scope is the whole baseline. `cells` are the run's (this shard's) planned cells.
 */
export function checkCoverage(check: CheckRequest, cells: readonly CellIdentity[], selection: Selection): void {
  const coverage = coverBaseline(check.baseline.cells, cells, selection);
  const where = `--check file "${check.path}"`;
  if (coverage.covered.length === 0) {
    const whose =
      coverage.otherShards.length > 0
        ? `this shard's ${cells.length} cells (its ${coverage.otherShards.length} cells of this run fall to other shards)`
        : `this run's ${cells.length} cells`;
    throw new BaselineError(
      `${where} holds none of ${whose}, so the check would compare nothing: the baseline's ${check.baseline.cells.length} cells are ${nameCells(check.baseline.cells, 3)}; ` +
        'allowed: a baseline written by --update-baseline from a run of the same --workload, --kill, --runtime and --engine (or --node)',
    );
  }
  if (check.scope === 'baseline' && coverage.notRun.length > 0) {
    throw new BaselineError(
      `--check-scope value "baseline" is not allowed for this run, which leaves out ${coverage.notRun.length} of the ${check.baseline.cells.length} cells of ${where}: ${nameCells(coverage.notRun)}; ` +
        'allowed: a run that selects every baseline cell, or --check-scope run, which names the cells it leaves out',
    );
  }
}

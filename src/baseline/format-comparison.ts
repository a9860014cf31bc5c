import { countOf } from '../text/count-of.ts';
import type { CellFinding, Comparison } from './compare-baseline.ts';

/** How a check ended: a regression, cells it could not measure (none compared at all among them), or held. */
export type CheckVerdict = 'regressed' | 'unmeasured' | 'held';

/** A regression outranks cells it could not measure; a check that compared nothing never holds. */
export function judgeComparison({ compared, regressions, unmeasured }: Comparison): CheckVerdict {
  if (regressions.length > 0) return 'regressed';
  return compared === 0 || unmeasured.length > 0 ? 'unmeasured' : 'held';
}

/**
 * What a CI log shows after a check: the verdict, every regression on its own line under its cell, the cells it could
 * not measure, then what it did not check: baseline cells the run left out, and the run's new cells.
 */
export function formatComparison(comparison: Comparison, path: string): string {
  const lines = [
    describeVerdict(comparison, path),
    ...comparison.regressions.map((found) => line(found)),
    ...comparison.unmeasured.map((found) => line(found, 'could not measure')),
    ...comparison.improvements.map((found) => line(found, 'improved')),
    ...comparison.notRun.map((cell) => `  baseline cell not run, not checked: ${cell}`),
    ...(comparison.otherShards > 0 ? [`  left to the other shards: ${comparison.otherShards} baseline cells`] : []),
    ...comparison.newCells.map((cell) => `  new cell, not checked: ${cell}`),
  ];
  return `${lines.join('\n')}\n`;
}

function describeVerdict(comparison: Comparison, path: string): string {
  const { compared, regressions, unmeasured, notRun } = comparison;
  const left = notRun.length > 0 ? `; ${countOf(notRun.length, 'baseline cell')} not run, named below` : '';
  switch (judgeComparison(comparison)) {
    case 'regressed': {
      const failedCells = new Set(regressions.map((regression) => regression.cell)).size;
      return `baseline check failed against "${path}": ${countOf(regressions.length, 'regression')} in ${failedCells} of ${countOf(compared, 'cell')} compared${left}`;
    }
    case 'unmeasured':
      if (compared === 0) return `baseline check failed against "${path}": no cell could be compared, so nothing was checked${left}`;
      return `baseline check failed against "${path}": ${countOf(unmeasured.length, 'cell')} could not be measured, ${countOf(compared, 'cell')} compared${left}`;
    default:
      return `baseline check passed against "${path}": ${countOf(compared, 'cell')} compared${left}`;
  }
}

function line({ cell, detail }: CellFinding, label?: string): string {
  return `  ${label === undefined ? '' : `${label}: `}${cell}: ${detail}`;
}

import type { Comparison } from './compare-baseline.ts';

/** What a CI log shows after a check: every regression on its own line under its cell, then the cells not checked. */
export function formatComparison(comparison: Comparison, path: string): string {
  const { compared, regressions, newCells } = comparison;
  const notChecked = newCells.map((cell) => `  new cell, not checked: ${cell}\n`).join('');
  if (regressions.length === 0) return `baseline check passed: ${compared} cells compared\n${notChecked}`;
  const failedCells = new Set(regressions.map((regression) => regression.cell)).size;
  const lines = regressions.map((regression) => `  ${regression.cell}: ${regression.problem}\n`).join('');
  return `baseline check failed against "${path}": ${regressions.length} regressions in ${failedCells} of ${compared} cells compared\n${lines}${notChecked}`;
}

import type { RunRecord } from '../record/run-record.ts';
import { nameCell } from '../record/trial-result.ts';

/**
 * What may make a run fail in CI, besides a regression against a baseline: trials that errored (the harness could
 * not run them as planned), trials that hung, trials that leaked, or a run in which nothing applicable ran.
 */
export const FAIL_CONDITIONS = ['errored', 'hung', 'leaked', 'empty'] as const;
export type FailCondition = (typeof FAIL_CONDITIONS)[number];

/** By default a run that could not measure fails; what it measured (a hang, a leak) is a finding, not a failure. */
export const DEFAULT_FAIL_CONDITIONS: readonly FailCondition[] = ['errored', 'empty'];

/** One sentence per condition the run met, naming how many trials and of which cells; empty when it met none. */
export function findRunFailures(record: RunRecord, conditions: readonly FailCondition[]): string[] {
  const applicable = record.results.filter((result) => result.outcome !== 'not-applicable');
  return conditions.flatMap((condition) => {
    if (condition === 'empty') return applicable.length === 0 ? ['no applicable trial ran: every cell of the plan is not applicable'] : [];
    const met = applicable.filter((result) => result.outcome === condition);
    if (met.length === 0) return [];
    const cells = [...new Set(met.map(nameCell))];
    const shown = cells.slice(0, 3).join('; ') + (cells.length > 3 ? `; and ${cells.length - 3} more` : '');
    const first = met.find((result) => result.outcome === 'errored' && 'error' in result);
    const why = first !== undefined && 'error' in first ? ` (first error: ${first.error.split('\n')[0]})` : '';
    return [`${met.length} of ${applicable.length} trials ${condition} (${shown})${why}`];
  });
}

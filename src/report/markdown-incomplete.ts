import type { RunRecord } from '../record/run-record.ts';

/** A banner for a run that ended early, so no reader takes its tables for the whole matrix; empty for a complete run. */
export function renderIncomplete(record: RunRecord): string {
  if (record.incomplete === null) return '';
  const { reason, plannedResults } = record.incomplete;
  return (
    `> **Incomplete:** ${reason} after ${record.results.length} of ${plannedResults} results. ` +
    'Every table, chart, tradeoff and claim below covers only the trials that completed; a claim whose cells are missing reads `not measured`. ' +
    'To finish it, run the harness with `--resume` and the `--out` folder of this run.'
  );
}

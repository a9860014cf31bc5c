import type { RunRecord } from '../record/run-record.ts';
import { indexCells } from '../analysis/cell-index.ts';
import { formatShare, listFound } from '../analysis/findings.ts';
import { formatCleanup, formatOutcomes, NOTHING_RECORDED } from './format-cell.ts';
import { formatStopMs } from './format-stop.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';
import type { CellSummary } from '../analysis/summarize-cell.ts';

const HEADER = ['Kill style', 'Runtime', 'Workloads', 'Outcome', 'Left behind (trials the kill ended)', 'Cleanup ran', 'Stop ms'];

/** The "At a glance" table: every kill style in every runtime it applies to, its workloads pooled. */
export function renderAtAGlance(record: RunRecord): string {
  const index = indexCells(record);
  const rows = index.styles
    .filter((view) => view.all.notApplicable === null)
    .map((view) => {
      const workloads = new Set(
        record.results.filter((result) => result.kill === view.kill && result.runtime === view.runtime).map((result) => result.workload),
      );
      const cleanup = view.all.ended > 0 ? formatCleanup(view.all) : NOTHING_RECORDED;
      return [
        renderInlineCode(view.kill),
        view.runtime,
        String(workloads.size),
        formatOutcomes(view.all),
        describeLeftBehind(view.ended),
        cleanup,
        formatStopMs(view.all),
      ];
    });
  const about =
    'Each kill style in each runtime it applies to, over all its workloads: how the trials ended, and what the trials the kill ended left behind, as trials that left it out of trials that measured it. ' +
    'A hung trial is counted under Outcome only: its worker still held everything, which says the stop failed, not what a stop leaves. The workload tables under Results split every row.';
  return ['### At a glance', about, rows.length === 0 ? 'No kill style of this run applies to its runtimes.' : renderTable(HEADER, rows)].join('\n\n');
}

/** `temp files 3/11, processes 2/11` over the trials the kill ended; `nothing` when they left nothing; a dash when it ended none. */
function describeLeftBehind(ended: CellSummary | null): string {
  if (ended === null) return NOTHING_RECORDED;
  const found = listFound(ended).map(({ finding, share }) => `${finding.label} ${formatShare(share)}`);
  return found.length === 0 ? 'nothing' : found.join(', ');
}

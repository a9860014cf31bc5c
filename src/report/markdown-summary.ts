import type { AnalysisView, StyleSummary } from '../analysis/analysis.ts';
import { LEFTOVER_KINDS } from '../analysis/leftover-kinds.ts';
import { formatCleanup, formatOutcomes, NOTHING_RECORDED } from './format-cell.ts';
import { formatStopMs } from './format-stop.ts';
import { formatParent } from './format-parent.ts';
import { PARENT_AT_ONCE_MS } from '../record/parent-exit.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';

const HEADER = ['Kill style', 'Runtime', 'Workloads', 'Outcome', 'Left behind (trials the kill ended)', 'Cleanup ran', 'Stop ms', 'Parent after the stop'];

/** The "At a glance" table: every kill style in every runtime it applies to, its workloads pooled. */
export function renderAtAGlance(view: AnalysisView): string {
  const rows = view.styles
    .filter((style) => style.notApplicable === null && style.probed > 0)
    .map((style) => [
      renderInlineCode(style.kill),
      style.runtime,
      String(style.workloads),
      formatOutcomes(style),
      describeLeftBehind(style),
      style.ended > 0 ? formatCleanup(style) : NOTHING_RECORDED,
      formatStopMs(style),
      formatParent(style.parent),
    ]);
  const about =
    'Each kill style in each runtime it applies to, over all its workloads: how the trials ended, and what the trials the kill ended left behind, as trials that left it out of trials that measured it. ' +
    'A hung trial is counted under Outcome only: its worker still held everything, which says the stop failed, not what a stop leaves. ' +
    `Parent after the stop is what the host, the work's parent using the runtime the usual way (\`await subprocess\`, \`await pool.destroy()\`), lived through: whether it could go on at once (within ${PARENT_AT_ONCE_MS} ms of the work's end, or later with nothing holding it for long), else for how long past it and by what it was held, watched up to \`--linger\` ms after the kill. ` +
    'The workload tables under Results split every row.';
  return ['### At a glance', about, rows.length === 0 ? 'No kill style of this run applies to its runtimes.' : renderTable(HEADER, rows)].join('\n\n');
}

/** `temp files 3/11, processes 2/11` over the trials the kill ended; `nothing` when they left nothing; a dash when it ended none. */
function describeLeftBehind(style: StyleSummary): string {
  if (style.ended === 0) return NOTHING_RECORDED;
  const found = style.kinds.filter((tally) => tally.trials > 0).map((tally) => `${LEFTOVER_KINDS[tally.kind].label} ${tally.trials}/${tally.measured}`);
  return found.length === 0 ? 'nothing' : found.join(', ');
}

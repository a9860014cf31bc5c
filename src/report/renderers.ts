import type { RunRecord } from '../record/run-record.ts';
import { renderJson } from '../record/results-json.ts';
import type { Judged } from '../verdicts/judge-run.ts';
import { renderMarkdown } from './markdown.ts';
import { GRID_FILE_NAME, renderStopGrid } from './svg-stop-grid.ts';

/** A report format: the file it writes and a pure function from the record (and the verdicts the table gives it) to that file's text. */
export interface Renderer {
  readonly fileName: string;
  render(record: RunRecord, judged: readonly Judged[]): string;
}

/** Every report format, keyed by name; a new format is one more entry here. */
export const RENDERERS = {
  markdown: { fileName: 'report.md', render: renderMarkdown },
  json: { fileName: 'results.json', render: (record, judged) => renderJson(record, { verdicts: judged.map(toVerdictJson) }) },
  /** The picture report.md embeds at the top of its first section. */
  svg: { fileName: GRID_FILE_NAME, render: renderStopGrid },
} as const satisfies Record<string, Renderer>;

/** A verdict as results.json keeps it: the rule's id and statement, then everything the engine measured. */
function toVerdictJson({ rule, outcome }: Judged) {
  return { ...outcome, statement: rule.statement };
}

import type { RunRecord } from '../record/run-record.ts';
import { renderJson } from '../record/results-json.ts';
import type { Judged } from '../verdicts/judge-run.ts';
import { renderMarkdown } from './markdown.ts';
import type { NodeView } from '../analysis/node-views.ts';
import { GRID_FILE_NAME, renderStopGrid } from './svg-stop-grid.ts';

/** A report format: the file it writes and a pure function from the record (and its views per Node.js, each judged by the rule table) to that file's text. */
export interface Renderer {
  readonly fileName: string;
  render(record: RunRecord, views: readonly NodeView[]): string;
}

/** Every report format, keyed by name; a new format is one more entry here. */
export const RENDERERS = {
  markdown: { fileName: 'report.md', render: renderMarkdown },
  json: { fileName: 'results.json', render: (record, views) => renderJson(record, { verdicts: views.flatMap(toVerdictsJson) }) },
  /** The picture report.md embeds at the top of its first section. */
  svg: { fileName: GRID_FILE_NAME, render: renderStopGrid },
} as const satisfies Record<string, Renderer>;

/** The verdicts as results.json keeps them: per rule its id and statement, then everything the engine measured; with `node` for a run across versions. */
function toVerdictsJson({ node, judged }: NodeView) {
  return judged.map(({ rule, outcome, language }: Judged) => ({
    ...(node === null ? {} : { node: node.label }),
    language,
    ...outcome,
    statement: rule.statement,
  }));
}

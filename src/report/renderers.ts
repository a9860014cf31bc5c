import type { Analysis } from '../analysis/analysis.ts';
import type { RunRecord } from '../record/run-record.ts';
import { renderJson } from '../record/results-json.ts';
import { renderMarkdown } from './markdown.ts';
import { GRID_FILE_NAME, renderStopGrid } from './svg-stop-grid.ts';

/** A report format: the file it writes and a pure function from the record and its analysis to that file's text. */
export interface Renderer {
  readonly fileName: string;
  render(record: RunRecord, analysis: Analysis): string;
}

/** Every report format, keyed by name; a new format is one more entry here. */
export const RENDERERS = {
  markdown: { fileName: 'report.md', render: renderMarkdown },
  json: { fileName: 'results.json', render: (record, analysis) => renderJson(record, toDerivedJson(analysis)) },
  /** The picture report.md embeds at the top of its first section. */
  svg: { fileName: GRID_FILE_NAME, render: renderStopGrid },
} as const satisfies Record<string, Renderer>;

/**
 * What results.json adds after the record: the verdicts as before (per rule its id and statement, then everything
 * measured; with `engine` for a run across engines), the recommendations, each cell's memory across its cycles (a run
 * given --cycles), and the analysis they come from, without the verdicts, recommendations and cycles the top level
 * already carries (each would be written two or three times).
 */
function toDerivedJson(analysis: Analysis) {
  const verdicts = analysis.views.flatMap(({ engine, verdicts: judged }) =>
    judged.map(({ rule, outcome, language }) => ({ ...(engine === null ? {} : { engine: engine.label }), language, ...outcome, statement: rule.statement })),
  );
  const cycleMemory = analysis.views.flatMap((view) => view.cycleMemory);
  const { recommendations, views, ...rest } = analysis;
  const viewsWithout = views.map(({ verdicts: _verdicts, recommendations: _recommendations, cycleMemory: _cycles, ...view }) => view);
  return { verdicts, recommendations, ...(cycleMemory.length === 0 ? {} : { cycleMemory }), analysis: { views: viewsWithout, ...rest } };
}

import type { RunRecord } from '../record/run-record.ts';
import { renderJson } from '../record/results-json.ts';
import { renderMarkdown } from './markdown.ts';

/** A report format: the file it writes and a pure function from the record to that file's text. */
export interface Renderer {
  readonly fileName: string;
  render(record: RunRecord): string;
}

/** Every report format, keyed by name; a new format is one more entry here. */
export const RENDERERS = {
  markdown: { fileName: 'report.md', render: renderMarkdown },
  json: { fileName: 'results.json', render: renderJson },
} as const satisfies Record<string, Renderer>;

import type { AnalysisView } from '../analysis/analysis.ts';
import { describeNode } from '../node-versions/node-target.ts';
import type { RunRecord } from '../record/run-record.ts';

/** "Node.js 22.23.5", or the harness's own version for a run without --node. */
export function nameView(view: AnalysisView, record: RunRecord): string {
  return describeNode(view.node ?? { version: record.environment.node });
}

import type { AnalysisView } from '../analysis/analysis.ts';
import { describeEngine } from '../engines/engine-target.ts';
import type { RunRecord } from '../record/run-record.ts';

/** "Node.js 22.23.5", "Bun 1.4.5", or the harness's own Node.js for a run without --engine. */
export function nameView(view: AnalysisView, record: RunRecord): string {
  return describeEngine(view.engine ?? { name: 'node', version: record.environment.node });
}

/**
 * How the report names what its views differ by: Node.js versions when every engine of the run is Node.js (as --node
 * runs are), engines otherwise.
 */
export function nameDimension(views: readonly AnalysisView[]): { readonly one: string; readonly many: string; readonly column: string } {
  return views.every((view) => (view.engine?.name ?? 'node') === 'node')
    ? { one: 'version', many: 'versions', column: 'Node.js' }
    : { one: 'engine', many: 'engines', column: 'Engine' };
}

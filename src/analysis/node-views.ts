import { describeNode, type NodeVersionEntry } from '../node-versions/node-target.ts';
import type { RunRecord } from '../record/run-record.ts';
import type { TrialResult } from '../record/trial-result.ts';
import { type Judged, judgeRun } from '../verdicts/judge-run.ts';

/** The run as one Node.js saw it: its results alone, judged alone. */
export interface NodeView {
  /** null for a run without --node, whose hosts ran on the harness's own Node.js. */
  readonly node: NodeVersionEntry | null;
  readonly record: RunRecord;
  readonly judged: readonly Judged[];
}

/**
 * One view per Node.js of the run, in the order --node gave them (a single view without --node). Each view is the
 * record a run on that version alone would have written: its results without the `node` key and its plan naming only
 * that version (the environment stays the harness's machine and Node.js). So every section of the single-version report,
 * and every rule, reads a view unchanged.
 */
export function viewByNode(record: RunRecord): NodeView[] {
  const nodes = record.plan.nodes;
  if (nodes === undefined) return [{ node: null, record, judged: judgeRun(record) }];
  return nodes.map((node) => {
    const view: RunRecord = {
      ...record,
      plan: { ...record.plan, nodes: [node] },
      results: record.results.filter((result) => result.node === node.label).map(withoutNode),
      incomplete: record.incomplete,
    };
    return { node, record: view, judged: judgeRun(view) };
  });
}

/** "Node.js 22.23.5", or the harness's own version for a run without --node. */
export function nameView(view: NodeView): string {
  return describeNode(view.node ?? { version: view.record.environment.node });
}

function withoutNode({ node: _node, ...result }: TrialResult): TrialResult {
  return result as TrialResult;
}

import type { NodeVersionEntry } from '../node-versions/node-target.ts';
import type { RunRecord } from '../record/run-record.ts';
import type { TrialResult } from '../record/trial-result.ts';

/** The run as one Node.js saw it: its results alone. */
export interface NodeRecord {
  /** null for a run without --node, whose hosts ran on the harness's own Node.js. */
  readonly node: NodeVersionEntry | null;
  readonly record: RunRecord;
}

/**
 * One record per Node.js of the run, in the order --node gave them (the record itself without --node). Each is the
 * record a run on that version alone would have written: its results without the `node` key and its plan naming only
 * that version (the environment stays the harness's machine and Node.js). So every part of the analysis reads it unchanged.
 */
export function splitByNode(record: RunRecord): NodeRecord[] {
  const nodes = record.plan.nodes;
  if (nodes === undefined) return [{ node: null, record }];
  return nodes.map((node) => ({
    node,
    record: {
      ...record,
      plan: { ...record.plan, nodes: [node] },
      results: record.results.filter((result) => result.node === node.label).map(withoutNode),
    },
  }));
}

function withoutNode({ node: _node, ...result }: TrialResult): TrialResult {
  return result as TrialResult;
}

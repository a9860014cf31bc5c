import type { RunRecord } from '../record/run-record.ts';

/** A `timeout` cell whose deadline the run raised past `--deadline`, since its work took longer to become ready. */
export interface RaisedDeadline {
  readonly workload: string;
  readonly runtime: string;
  /** The engine's label, in a run across engines. */
  readonly engine?: string;
  /** The longest deadline its trials ran with. */
  readonly deadlineMs: number;
}

/** The `timeout` cells whose trials ran with a longer deadline than the plan's (see src/run/deadlines.ts), in the order they ran. */
export function findRaisedDeadlines(record: RunRecord): RaisedDeadline[] {
  const raised = new Map<string, RaisedDeadline>();
  for (const result of record.results) {
    if (!('killPoint' in result) || result.killPoint.kind !== 'deadline' || result.killPoint.afterStartMs <= record.plan.deadlineMs) continue;
    const { workload, runtime } = result;
    const engine = result.engine?.label;
    const key = JSON.stringify([workload, runtime, engine ?? null]);
    const deadlineMs = Math.max(raised.get(key)?.deadlineMs ?? 0, result.killPoint.afterStartMs);
    raised.set(key, { workload, runtime, ...(engine === undefined ? {} : { engine }), deadlineMs });
  }
  return [...raised.values()];
}

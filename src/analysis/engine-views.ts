import type { EngineEntry } from '../engines/engine-target.ts';
import type { RunRecord } from '../record/run-record.ts';
import type { TrialResult } from '../record/trial-result.ts';

/** The run as one engine saw it: its results alone. */
export interface EngineRecord {
  /** null for a run without --engine, whose hosts ran on the harness's own Node.js. */
  readonly engine: EngineEntry | null;
  readonly record: RunRecord;
}

/**
 * One record per engine of the run, in the order --engine gave them (the record itself without --engine). Each is the
 * record a run on that engine alone would have written: its results without the `engine` key and its plan naming only
 * that engine (the environment stays the harness's machine and Node.js). So every part of the analysis reads it unchanged.
 */
export function splitByEngine(record: RunRecord): EngineRecord[] {
  const engines = record.plan.engines;
  if (engines === undefined) return [{ engine: null, record }];
  return engines.map((engine) => ({
    engine,
    record: {
      ...record,
      plan: { ...record.plan, engines: [engine] },
      results: record.results.filter((result) => result.engine?.label === engine.label).map(withoutEngine),
    },
  }));
}

function withoutEngine({ engine: _engine, ...result }: TrialResult): TrialResult {
  return result as TrialResult;
}

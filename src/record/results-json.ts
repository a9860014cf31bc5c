import type { RunRecord } from './run-record.ts';

/** Bumped whenever a field of results.json changes meaning or shape; docs/results-schema.md describes this version. */
export const SCHEMA_VERSION = 9;

/**
 * The machine-readable results: the whole record, keys in the order it was built, behind a schema version, then
 * what was derived from it (the verdicts, the recommendations and the analysis behind them), which a reader of the file can recompute and a merge drops.
 */
export function renderJson(record: RunRecord, derived: Readonly<Record<string, unknown>> = {}): string {
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...record, ...derived }, null, 2)}\n`;
}

/** The fields renderJson adds after the record's own, which a reader of results.json leaves out of the record. */
export const DERIVED_FIELDS = ['verdicts', 'recommendations', 'cycleMemory', 'analysis'] as const;

import type { RunRecord } from './run-record.ts';

/** Bumped whenever a field of results.json changes meaning or shape; docs/results-schema.md describes this version. */
export const SCHEMA_VERSION = 5;

/** The machine-readable results: the whole record, keys in the order it was built, behind a schema version. */
export function renderJson(record: RunRecord): string {
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...record }, null, 2)}\n`;
}

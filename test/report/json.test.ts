import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/record/results-json.ts';
import { buildLeftovers } from './build-leftovers.ts';
import { buildErrored, buildHung, buildIntegrity, buildNotApplicable, buildRecord, buildStopped } from './build-record.ts';

describe('renderJson', () => {
  const record = buildRecord([
    buildStopped({ leftovers: buildLeftovers({ fds: null, memory: null }), reportedMs: null, endedBy: 'force', integrity: buildIntegrity(3, 1) }),
    buildHung(),
    buildErrored(),
    buildNotApplicable(),
  ]);

  it('round-trips the whole record, with null (not measured) kept as null', () => {
    const parsed = JSON.parse(renderJson(record));
    expect(parsed).toEqual({ schemaVersion: 9, ...record });
    expect(parsed.results[0].leftovers.fds).toBeNull();
    expect(parsed.results[0].leftovers.memory).toBeNull();
    expect(parsed.results[0].reportedMs).toBeNull();
    expect(parsed.results[0].integrity).toEqual({ acknowledged: 3, missing: 1, torn: 0 });
  });

  it('puts schemaVersion first and keeps the record keys in the order they were built', () => {
    expect(Object.keys(JSON.parse(renderJson(record)))).toEqual(['schemaVersion', ...Object.keys(record)]);
  });

  it('is pretty-printed and ends with a newline', () => {
    const text = renderJson(record);
    expect(text.startsWith('{\n  "schemaVersion": 9,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { mergeRecords } from '../../src/run/merge-records.ts';
import type { RunRecord, Segment } from '../../src/record/run-record.ts';
import { buildNotApplicable, buildRecord, buildStopped } from '../report/build-record.ts';

/** Every trial of buildRecord's plan: three of terminate in a thread, and the not-applicable process cell. */
const ALL_RESULTS = [buildStopped({ trial: 1 }), buildStopped({ trial: 2 }), buildStopped({ trial: 3 }), buildNotApplicable()];

function buildSegment(index: number, count: number, overrides: Partial<Segment> = {}): Segment {
  const { startedAt, finishedAt, sourceDigest, environment } = buildRecord([]);
  return { kind: 'shard', shard: { index, count }, startedAt, finishedAt, sourceDigest, concurrency: 1, environment, resultCount: 2, ...overrides };
}

function buildShard(index: number, count: number, results: RunRecord['results'], provenance: Segment[]): RunRecord {
  const { plan } = buildRecord([]);
  return buildRecord(results, { plan: { ...plan, shard: { index, count } }, provenance });
}

describe('mergeRecords', () => {
  it('flattens the segments of a file that is itself a merge, ordered by shard, and takes the top level from shard 1', () => {
    const other = { ...buildRecord([]).environment, cpu: 'Other CPU' };
    const merged = buildRecord(ALL_RESULTS, { provenance: [buildSegment(2, 3, { environment: other, sourceDigest: 'sha256:ffff' }), buildSegment(1, 3)] });
    // A shard with no cell of its own (more shards than the plan has cells): valid, and it ran somewhere too.
    const empty = buildShard(3, 3, [], [buildSegment(3, 3, { resultCount: 0, concurrency: 4 })]);
    const record = mergeRecords([
      { path: 'merged.json', record: { ...merged, environment: other, sourceDigest: 'sha256:ffff' } },
      { path: 'empty.json', record: empty },
    ]);
    expect(record.provenance.map((segment) => [segment.shard?.index, segment.sourceDigest, segment.environment.cpu, segment.concurrency])).toEqual([
      [1, 'sha256:0123', 'Imaginary CPU @ 3.14GHz', 1],
      [2, 'sha256:ffff', 'Other CPU', 1],
      [3, 'sha256:0123', 'Imaginary CPU @ 3.14GHz', 4],
    ]);
    expect(record.sourceDigest).toBe('sha256:0123');
    expect(record.environment.cpu).toBe('Imaginary CPU @ 3.14GHz');
    expect(record.plan).toMatchObject({ shard: null, concurrency: 1 });
    expect(record.results).toEqual(ALL_RESULTS);
  });
});

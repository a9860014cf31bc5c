import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, readJournal, startJournal } from '../../src/run/results-journal.ts';
import type { SegmentStart } from '../../src/record/segment.ts';
import { buildNotApplicable, buildRecord, buildStopped } from '../report/build-record.ts';

const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-journal-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const { plan, environment } = buildRecord([]);

function segmentAt(startedAt: string, concurrency: number): SegmentStart {
  return { startedAt, sourceDigest: `sha256:${concurrency}`, concurrency, environment };
}

describe('the results journal', () => {
  it('credits each result to the segment line before it', () => {
    const out = mkdtempSync(join(scratch, 'segments-'));
    const journal = startJournal(out, { command: 'test', startedAt: '2025-01-01T00:00:00.000Z', plan });
    journal.startSegment(segmentAt('2025-01-01T00:00:00.000Z', 1));
    journal.append(buildStopped());
    journal.startSegment(segmentAt('2025-01-01T01:00:00.000Z', 2));
    journal.append(buildStopped({ trial: 2 }));
    journal.append(buildNotApplicable());
    journal.startSegment(segmentAt('2025-01-01T02:00:00.000Z', 3));
    // A torn last line, as a harness killed mid-write leaves: dropped, and credited to nobody.
    appendFileSync(journal.path, '{"type":"result","at":"2025');

    const { segments, results } = readJournal(out);
    expect(results).toHaveLength(3);
    expect(segments.map(({ start, resultCount }) => [start.startedAt, start.concurrency, resultCount])).toEqual([
      ['2025-01-01T00:00:00.000Z', 1, 1],
      ['2025-01-01T01:00:00.000Z', 2, 2],
      ['2025-01-01T02:00:00.000Z', 3, 0],
    ]);
    expect(segments[0]?.start).toEqual(segmentAt('2025-01-01T00:00:00.000Z', 1));
    // A segment ends at its last journaled result, or at its start when it journaled none.
    expect(Date.parse(segments[1]?.finishedAt ?? '')).toBeGreaterThan(Date.parse('2025-01-02'));
    expect(segments[2]?.finishedAt).toBe('2025-01-01T02:00:00.000Z');
  });

  it('refuses a journal of version 1, which cannot say which machine produced its results', () => {
    const out = mkdtempSync(join(scratch, 'version-1-'));
    writeFileSync(join(out, JOURNAL_FILE), `${JSON.stringify({ type: 'run', journalVersion: 1, command: 'test', startedAt: '2025', plan })}\n`);
    expect(() => readJournal(out)).toThrow(/does not start with a version 4 run header \(found version 1\); allowed: a journal of this harness/);
  });
});

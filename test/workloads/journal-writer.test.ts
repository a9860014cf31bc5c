import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { encodeRecord, JOURNAL_FILE } from '../../src/workloads/journal-format.ts';
import journalWriter from '../../src/workloads/journal-writer.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const workloadUrl = BUILT_IN_WORKLOADS['journal-writer'].moduleUrl;
const runner = createTrialRunner();
afterAll(() => runner.remove());

describe('journal-writer verify()', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
  });
  afterEach(() => removeDirectory(dir));

  const verify = (acknowledged: string[]) => journalWriter.verify?.({ dataDir: dir, acknowledged });
  const writeJournal = (...records: Buffer[]) => writeFileSync(join(dir, JOURNAL_FILE), Buffer.concat(records));

  it('finds every acknowledged record of a whole journal, and records written but not yet acknowledged are fine', async () => {
    writeJournal(encodeRecord(1), encodeRecord(2), encodeRecord(3));
    expect(await verify(['1', '2'])).toEqual({ acknowledged: 2, missing: 0, torn: 0 });
  });

  it('counts a last record cut short as torn', async () => {
    writeJournal(encodeRecord(1), encodeRecord(2), encodeRecord(3).subarray(0, 20));
    expect(await verify(['1', '2'])).toEqual({ acknowledged: 2, missing: 0, torn: 1, detail: 'partial last record (20 bytes, no newline)' });
  });

  it('counts a record whose bytes changed as torn, and as missing when it was acknowledged', async () => {
    const damaged = encodeRecord(2);
    damaged[10] = '!'.charCodeAt(0);
    writeJournal(encodeRecord(1), damaged, encodeRecord(3));
    expect(await verify(['1', '2', '3'])).toEqual({
      acknowledged: 3,
      missing: 1,
      torn: 1,
      detail: 'acknowledged but not whole: 2; line 2 fails its checksum',
    });
  });

  it('counts acknowledged records that never reached the journal as missing', async () => {
    writeJournal(encodeRecord(1));
    expect(await verify(['1', '2', '3'])).toEqual({ acknowledged: 3, missing: 2, torn: 0, detail: 'acknowledged but not whole: 2, 3' });
  });

  it('counts every acknowledged record as missing when there is no journal at all', async () => {
    expect(await verify(['1'])).toEqual({ acknowledged: 1, missing: 1, torn: 0, detail: `${JOURNAL_FILE} not found; acknowledged but not whole: 1` });
  });

  it('reads a journal appended to record by record, as the workload writes it', async () => {
    for (let seq = 1; seq <= 100; seq += 1) appendFileSync(join(dir, JOURNAL_FILE), encodeRecord(seq));
    expect(await verify(Array.from({ length: 100 }, (_, index) => String(index + 1)))).toEqual({ acknowledged: 100, missing: 0, torn: 0 });
  });
});

// The journal lives in the data directory, which verify() reads and the temp-files probe does not count.
describe.each(NODE_RUNTIME_NAMES)('journal-writer in a %s', (runtime) => {
  it('on abort closes the journal, and every acknowledged record is in it, whole', async () => {
    const result = await runner.run({ workloadUrl, runtime, kill: 'abort' });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: true, integrity: { missing: 0, torn: 0 } });
    expect(result.outcome === 'stopped' && result.integrity?.acknowledged).toBeGreaterThan(0);
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });
});

describe('journal-writer under a forced stop', () => {
  it.each([
    ['thread', 'terminate'],
    ['process', 'sigkill'],
  ] as const)('a %s stopped by %s loses no acknowledged record and tears none', async (runtime, kill) => {
    const result = await runner.run({ workloadUrl, runtime, kill });
    // A record (~80 bytes) is one write(2) within one page, which a kill does not split; only a lost machine could
    // tear it. The journal's descriptor does not outlive a thread either: tinypool's workers track unmanaged fds.
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: false, integrity: { missing: 0, torn: 0 } });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });
});

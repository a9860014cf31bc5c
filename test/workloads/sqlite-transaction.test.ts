import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { DATABASE_FILE, openBatchDatabase, prepareBatchInsert } from '../../src/workloads/sqlite-batches.ts';
import sqliteTransaction from '../../src/workloads/sqlite-transaction.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const workloadUrl = BUILT_IN_WORKLOADS['sqlite-transaction'].moduleUrl;
const CLEAN = 'no -journal or -wal file left; integrity_check: ok';
const runner = createTrialRunner();
afterAll(() => runner.remove());

describe('sqlite-transaction verify()', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-'));
  });
  afterEach(() => removeDirectory(dir));

  const verify = (acknowledged: string[], inDir = dir) => sqliteTransaction.verify?.({ dataDir: inDir, acknowledged });
  /** Commits the batches through the workload's own code; the caller closes the database. */
  function openWithBatches(count: number): ReturnType<typeof openBatchDatabase> {
    const database = openBatchDatabase(dir);
    const insertBatch = prepareBatchInsert(database, () => undefined);
    for (let batch = 1; batch <= count; batch += 1) insertBatch(batch);
    return database;
  }

  it('finds every acknowledged batch whole in an intact database', async () => {
    openWithBatches(3).close();
    expect(await verify(['1', '2', '3'])).toEqual({ acknowledged: 3, missing: 0, torn: 0, corrupt: false, detail: CLEAN });
  });

  it('counts an acknowledged batch with no rows as missing', async () => {
    openWithBatches(2).close();
    expect(await verify(['1', '2', '3'])).toEqual({ acknowledged: 3, missing: 1, torn: 0, corrupt: false, detail: CLEAN });
  });

  it('counts a batch with only some of its rows as torn', async () => {
    const database = openWithBatches(3);
    database.exec('DELETE FROM batch_rows WHERE batch = 2 AND position >= 50');
    database.close();
    expect(await verify(['1', '2', '3'])).toEqual({ acknowledged: 3, missing: 0, torn: 1, corrupt: false, detail: CLEAN });
  });

  it('reports a -journal left by a transaction that never committed, and does not count its rows', async () => {
    const crashed = mkdtempSync(join(tmpdir(), 'sqlite-crashed-'));
    try {
      // Copying the files in the middle of a transaction gives what a kill at that moment leaves on disk.
      const database = openWithBatches(2);
      database.exec('BEGIN');
      database.exec("INSERT INTO batch_rows (batch, position, payload) VALUES (3, 0, 'never committed')");
      for (const name of [DATABASE_FILE, `${DATABASE_FILE}-journal`]) copyFileSync(join(dir, name), join(crashed, name));
      database.exec('ROLLBACK');
      database.close();
      expect(await verify(['1', '2'], crashed)).toEqual({
        acknowledged: 2,
        missing: 0,
        torn: 0,
        corrupt: false,
        detail: `${DATABASE_FILE}-journal left after the stop; integrity_check: ok`,
      });
    } finally {
      removeDirectory(crashed);
    }
  });

  it('counts every acknowledged batch as missing when there is no database at all', async () => {
    expect(await verify(['1'])).toEqual({ acknowledged: 1, missing: 1, torn: 0, detail: `${DATABASE_FILE} not found` });
  });
});

// The database lives in the data directory, which verify() reads and the temp-files probe does not count.
describe.each(NODE_RUNTIME_NAMES)('sqlite-transaction in a %s', (runtime) => {
  it('on abort closes the database, with every acknowledged batch committed whole and no -journal left', async () => {
    const result = await runner.run({ workloadUrl, runtime, kill: 'abort' });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: true, integrity: { missing: 0, torn: 0, detail: CLEAN } });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });
});

describe('sqlite-transaction under a forced stop', () => {
  it('terminate() in a thread leaves no -journal: better-sqlite3 closes the connection as the worker is torn down', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'thread', kill: 'terminate' });
    // The addon registers an environment cleanup hook that closes every open database, and closing a connection
    // rolls back its open transaction and deletes the journal; so nothing is left for the next reader to recover.
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: false, integrity: { missing: 0, torn: 0, detail: CLEAN } });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });

  it('SIGKILL to a child loses no committed batch, and a kill mid-transaction leaves the -journal behind', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'process', kill: 'sigkill' });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: false, integrity: { missing: 0, torn: 0, corrupt: false } });
    // Whether the kill lands inside a transaction (most of the loop's time) or between two is chance; a hot
    // journal is what a cut transaction leaves, and verify() rolls it back as the next reader would.
    expect(result.outcome === 'stopped' && result.integrity?.detail).toMatch(
      new RegExp(`^(${DATABASE_FILE}-journal left after the stop; integrity_check: ok|${CLEAN})$`),
    );
  });
});

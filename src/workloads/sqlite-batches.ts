import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IntegrityCheck } from '../workload/define-workload.ts';
import { SQLITE_PACKAGE, type SqliteDatabase, sqliteDriver } from './sqlite-driver.ts';

/** The database's file name in the workload's directory, shared by the writer and verify(). */
export const DATABASE_FILE = 'batches.db';
const BATCH_SIZE = 100;
const PAYLOAD = 'x'.repeat(100);
/** Files SQLite keeps next to the database while a transaction or a WAL is open. */
const SIDE_FILE_SUFFIXES = ['-journal', '-wal', '-shm'];
/** Why the workload cannot run here (its engine's SQLite driver is missing or does not load), or null when it can. */
export function sqliteUnavailable(): string | null {
  const driver = sqliteDriver();
  try {
    // better-sqlite3's addon is loaded by the first database, not by require(): only opening one shows it fits this ABI.
    driver.open(':memory:').close();
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (driver.name !== SQLITE_PACKAGE) return `${driver.name}, this engine's SQLite, does not load (${reason})`;
    return `the optional package ${SQLITE_PACKAGE} is not installed or does not load (${reason}); install it with "npm install --save-dev ${SQLITE_PACKAGE}@12"`;
  }
}

/**
 * Rollback-journal mode (DELETE, SQLite's default) with synchronous=FULL: a COMMIT has returned only once it is on
 * disk, and a transaction cut short leaves a `-journal` behind that the next reader rolls back. WAL would leave a
 * `-wal` after any unclean close, in a transaction or not, so it would not show where the stop landed.
 */
export function openBatchDatabase(dir: string): SqliteDatabase {
  const database = sqliteDriver().open(join(dir, DATABASE_FILE));
  database.exec('PRAGMA journal_mode = DELETE');
  database.exec('PRAGMA synchronous = FULL');
  database.exec(
    'CREATE TABLE IF NOT EXISTS batch_rows (batch INTEGER NOT NULL, position INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (batch, position))',
  );
  return database;
}

/**
 * One batch is one transaction: BEGIN, BATCH_SIZE inserts, COMMIT, rolled back if an insert throws (as
 * better-sqlite3's transaction() does). `midway` runs after half the inserts, inside the open transaction.
 */
export function prepareBatchInsert(database: SqliteDatabase, midway: () => void): (batch: number) => void {
  const insert = database.prepare('INSERT INTO batch_rows (batch, position, payload) VALUES (?, ?, ?)');
  return (batch: number) => {
    database.exec('BEGIN');
    try {
      for (let position = 0; position < BATCH_SIZE; position += 1) {
        if (position === BATCH_SIZE / 2) midway();
        insert.run(batch, position, PAYLOAD);
      }
      database.exec('COMMIT');
    } catch (error) {
      database.exec('ROLLBACK');
      throw error;
    }
  };
}

/**
 * After the stop: which side files remained, whether SQLite finds the database intact, and of the acknowledged
 * batches how many have no rows (missing); torn counts every batch with some but not all of its rows.
 */
export function checkBatches(dir: string, acknowledged: string[]): IntegrityCheck {
  const path = join(dir, DATABASE_FILE);
  const sideFiles = SIDE_FILE_SUFFIXES.map((suffix) => `${DATABASE_FILE}${suffix}`).filter((name) => existsSync(join(dir, name)));
  const sideFilesLine = sideFiles.length > 0 ? `${sideFiles.join(', ')} left after the stop` : 'no -journal or -wal file left';
  if (!existsSync(path)) return { acknowledged: acknowledged.length, missing: acknowledged.length, torn: 0, detail: `${DATABASE_FILE} not found` };
  // A hot journal is rolled back by the first read, as the next user of the database would see it. No busy
  // timeout: a lock still held after the stop belongs to the stopped work's process, and waiting will not free it.
  const database = sqliteDriver().open(path);
  try {
    database.exec('PRAGMA busy_timeout = 0');
    const integrity = (database.prepare('PRAGMA integrity_check').all()[0] as { integrity_check?: unknown } | undefined)?.integrity_check;
    const rowsByBatch = countRowsByBatch(database);
    const missing = acknowledged.filter((batch) => !rowsByBatch.has(batch)).length;
    const torn = [...rowsByBatch.values()].filter((rows) => rows < BATCH_SIZE).length;
    return { acknowledged: acknowledged.length, missing, torn, corrupt: integrity !== 'ok', detail: `${sideFilesLine}; integrity_check: ${String(integrity)}` };
  } finally {
    database.close();
  }
}

function countRowsByBatch(database: SqliteDatabase): Map<string, number> {
  const rows = database.prepare('SELECT batch, COUNT(*) AS rows FROM batch_rows GROUP BY batch').all() as Array<{ batch: number; rows: number }>;
  return new Map(rows.map(({ batch, rows: count }) => [String(batch), count]));
}

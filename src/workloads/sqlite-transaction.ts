import { defineWorkload } from '../workload/define-workload.ts';
import { checkBatches, DATABASE_FILE, openBatchDatabase, prepareBatchInsert, sqliteUnavailable } from './sqlite-batches.ts';

/**
 * A real database mid-transaction: each batch of rows is committed, then acknowledged. verify() shows whether a
 * stop lost a committed batch, left half of one, or left the database needing recovery.
 */
export default defineWorkload({
  name: 'sqlite-transaction',
  description: `commits batches of rows to ${DATABASE_FILE} (better-sqlite3; bun:sqlite on Bun, node:sqlite on Deno; rollback journal, synchronous=FULL), acknowledging each after COMMIT, until stopped`,
  criticalSections: ['inside-transaction'],
  unavailable: sqliteUnavailable,
  run(context) {
    const database = openBatchDatabase(context.dataDir);
    try {
      // The section opens halfway through a batch's inserts and closes once COMMIT has returned.
      const insertBatch = prepareBatchInsert(database, () => context.enterSectionSync('inside-transaction'));
      context.ready();
      for (let batch = 1; !context.stopRequested(); batch += 1) {
        insertBatch(batch);
        context.leaveSection('inside-transaction');
        context.acknowledge(String(batch));
      }
    } finally {
      database.close();
      context.markCleanupRan('database closed');
    }
  },
  verify: ({ dataDir, acknowledged }) => checkBatches(dataDir, acknowledged),
});

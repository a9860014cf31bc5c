import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { defineWorkload, type WorkloadContext } from '../workload/define-workload.ts';
import { checkJournal, encodeRecord, JOURNAL_FILE } from './journal-format.ts';

/**
 * Durable appends: each record is written, fsynced, and only then acknowledged. verify() shows whether a stop
 * lost an acknowledged record or left a torn one.
 */
export default defineWorkload({
  name: 'journal-writer',
  description: `appends checksummed records to ${JOURNAL_FILE}, each written, fsynced and then acknowledged, until stopped`,
  criticalSections: ['between-write-and-fsync'],
  run(context) {
    const descriptor = openSync(join(context.dataDir, JOURNAL_FILE), 'a');
    try {
      context.ready();
      for (let seq = 1; !context.stopRequested(); seq += 1) {
        appendDurably(descriptor, encodeRecord(seq), context);
        context.acknowledge(String(seq));
      }
    } finally {
      closeSync(descriptor);
      context.markCleanupRan('journal closed');
    }
  },
  verify: ({ dataDir, acknowledged }) => checkJournal(readJournal(join(dataDir, JOURNAL_FILE)), acknowledged),
});

function appendDurably(descriptor: number, record: Buffer, sections: Pick<WorkloadContext, 'enterSectionSync' | 'leaveSection'>): void {
  const written = writeSync(descriptor, record);
  if (written !== record.length) throw new Error(`short write to ${JOURNAL_FILE}: ${written} of ${record.length} bytes`);
  // The record is in the page cache, neither on disk nor acknowledged yet.
  sections.enterSectionSync('between-write-and-fsync');
  fsyncSync(descriptor);
  sections.leaveSection('between-write-and-fsync');
}

function readJournal(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

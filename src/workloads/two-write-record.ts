import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { defineWorkload } from '../workload/define-workload.ts';
import { checkRecords, encodeRecord, RECORDS_FILE } from './two-write-format.ts';

/**
 * A record appended with two write(2) calls, header then body, as many formats do (a length prefix, then the
 * payload): whatever stops the writer between them leaves a header whose body never came. Each call alone reaches
 * the kernel whole, so nothing else can tear a record. No fsync: the page cache outlives a thread or a process, and
 * only the gap between the two calls is measured here.
 */
export default defineWorkload({
  name: 'two-write-record',
  description:
    `appends records to ${RECORDS_FILE}, each as two writeSync calls (a header announcing the body's length and CRC-32, ` +
    'then the body), acknowledged after both, until stopped',
  criticalSections: ['between-header-and-body'],
  run(context) {
    const descriptor = openSync(join(context.dataDir, RECORDS_FILE), 'a');
    try {
      context.ready();
      for (let seq = 1; !context.stopRequested(); seq += 1) {
        const { header, body } = encodeRecord(seq);
        writeWhole(descriptor, header);
        context.enterSectionSync('between-header-and-body');
        writeWhole(descriptor, body);
        context.leaveSection('between-header-and-body');
        context.acknowledge(String(seq));
      }
    } finally {
      closeSync(descriptor);
      context.markCleanupRan('records file closed');
    }
  },
  verify: ({ dataDir, acknowledged }) => checkRecords(readRecords(join(dataDir, RECORDS_FILE)), acknowledged),
});

function writeWhole(descriptor: number, bytes: Buffer): void {
  const written = writeSync(descriptor, bytes);
  if (written !== bytes.length) throw new Error(`short write to ${RECORDS_FILE}: ${written} of ${bytes.length} bytes`);
}

function readRecords(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

import { defineWorkload } from '../workload/define-workload.ts';

/** The record's two fields in `context.sharedMemory`: each update writes the same sequence number into both. */
const FIELD_A = 0;
const FIELD_B = 1;

/**
 * A two-field record in memory the host shares with a worker thread, updated field a, then field b: whatever stops
 * the work between the two writes leaves the fields disagreeing, and in a thread the host still holds the memory to
 * see it. The cooperative stop finishes the update it is in before it returns.
 */
export default defineWorkload({
  name: 'shared-struct',
  description: 'updates a two-field record in context.sharedMemory, field a then field b, to the same sequence number, until stopped',
  criticalSections: ['between-fields'],
  run(context) {
    const memory = context.sharedMemory;
    context.ready();
    for (let sequence = 1; !context.stopRequested(); sequence += 1) {
      Atomics.store(memory, FIELD_A, sequence);
      context.enterSectionSync('between-fields');
      Atomics.store(memory, FIELD_B, sequence);
      context.leaveSection('between-fields');
    }
    context.markCleanupRan('last update finished');
  },
  checkSharedMemory(view) {
    const [a, b] = [view[FIELD_A], view[FIELD_B]];
    if (a === b) return { acknowledged: 1, missing: 0, torn: 0 };
    return { acknowledged: 1, missing: 0, torn: 1, detail: `the record is torn: field a holds update ${a}, field b update ${b}` };
  },
});

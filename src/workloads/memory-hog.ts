import { defineWorkload } from '../workload/define-workload.ts';
import { sleepUntilStopped } from '../workload/sleep-until-stopped.ts';

const BUFFERS = 8;
const BUFFER_BYTES = 32 * 1024 * 1024;
const HEAP_OBJECTS = 200_000;

/**
 * Memory outside and inside the JavaScript heap: a stop that skips cleanup shows whether the runtime gives back
 * the worker's buffers and heap, or whether they stay with the process that ran it.
 */
export default defineWorkload({
  name: 'memory-hog',
  description: `holds ${BUFFERS} Buffers of ${BUFFER_BYTES / 1024 / 1024} MiB (every page written) and ${HEAP_OBJECTS} small heap objects until stopped`,
  async run(context) {
    const buffers: Buffer[] = [];
    const objects: Array<{ index: number; label: string }> = [];
    try {
      // fill() writes every page, so the memory is resident rather than merely reserved.
      for (let index = 0; index < BUFFERS; index += 1) buffers.push(Buffer.allocUnsafe(BUFFER_BYTES).fill(index + 1));
      for (let index = 0; index < HEAP_OBJECTS; index += 1) objects.push({ index, label: `object ${index}` });
      context.ready();
      while (!context.signal.aborted) await sleepUntilStopped(context.signal);
    } finally {
      // Dropping the last references is all a workload can do; the memory returns at the next garbage collection.
      buffers.length = 0;
      objects.length = 0;
      context.markCleanupRan('buffers and objects released');
    }
  },
});

import { defineWorkload } from '../workload/define-workload.ts';

/**
 * Blocked in V8 rather than in the kernel: no stop flag is ever read again, so only what interrupts the isolate
 * (terminate()) or the whole process (a signal) can end it.
 */
export default defineWorkload({
  name: 'blocking-atomics-wait',
  description: 'calls ready(), then Atomics.wait on a fresh SharedArrayBuffer that nothing ever notifies',
  // It never returns to code that reads the harness's commands, so crash and exit cannot be injected into it.
  readsCommands: false,
  run(context) {
    const slot = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    try {
      context.ready();
      // No timeout and nobody else holds the buffer: the wait returns only if something interrupts it.
      Atomics.wait(slot, 0, 0);
    } finally {
      context.markCleanupRan('wait interrupted');
    }
  },
});

import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineWorkload } from '../workload/define-workload.ts';

const FIFO = 'never-written.fifo';

/**
 * Blocked in the kernel: a synchronous read(2) of a FIFO that never receives data. V8 cannot interrupt a system
 * call, so this shows what terminate() does to a thread that never returns to JavaScript.
 */
export default defineWorkload({
  name: 'blocking-fifo-read',
  description: `calls ready(), then fs.readSync on a FIFO (${FIFO}) it opened read-write and never writes: blocked in read(2)`,
  // It never returns to code that reads the harness's commands, so crash and exit cannot be injected into it.
  readsCommands: false,
  run(context) {
    const fifo = join(context.dir, FIFO);
    let descriptor: number | undefined;
    try {
      execFileSync('mkfifo', [fifo]);
      // On Linux a read-write open of a FIFO returns at once (fifo(7)) and makes the workload its own writer, so
      // read() never sees end-of-file. The descriptor is blocking, and readSync calls read(2) on this very thread.
      descriptor = openSync(fifo, 'r+');
      context.ready();
      readSync(descriptor, Buffer.alloc(1));
    } finally {
      if (descriptor !== undefined) closeSync(descriptor);
      rmSync(fifo, { force: true });
      context.markCleanupRan('fifo closed and removed');
    }
  },
});

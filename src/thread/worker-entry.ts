import { fstatSync, openSync } from 'node:fs';
import { runWorkload } from '../entry/run-workload.ts';
import type { ThreadTask } from './thread-task.ts';
import { createThreadTransport } from './thread-transport.ts';

// tinypool loads this file in each worker: a transport adapter around the shared body.
export default async (task: ThreadTask) => {
  try {
    await runWorkload(task.spec, createThreadTransport(task));
  } finally {
    reopenClosedStdio();
  }
};

/**
 * A workload that closed fds 0–2 closed the host's: after the task, tinypool reads process.memoryUsage(), whose
 * libuv call then gets fd 0 for /proc/self/stat and aborts the host when closing it (it asserts fd > 2). Each
 * closed one is taken again by /dev/null (open returns the lowest free fd), so the host lives to report the trial.
 */
function reopenClosedStdio(): void {
  for (const fd of [0, 1, 2]) {
    try {
      fstatSync(fd);
    } catch {
      openSync('/dev/null', 'r+');
    }
  }
}

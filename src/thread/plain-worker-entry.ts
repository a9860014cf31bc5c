import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../runtime/watch-ready.ts';
import runTask from './worker-entry.ts';
import type { ThreadTask } from './thread-task.ts';

// A node:worker_threads Worker's main, where tinypool cannot start tasks (see src/thread/run-in-worker.ts): the same
// task function tinypool calls, its end told to the host as a settled task.
try {
  await runTask(workerData as ThreadTask);
  parentPort?.postMessage({});
} catch (error) {
  parentPort?.postMessage({ error: describeError(error) });
}

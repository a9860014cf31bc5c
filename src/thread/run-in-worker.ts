import { Worker } from 'node:worker_threads';
import Tinypool from 'tinypool';
import { compiledEntry } from '../runtime/compiled-entry.ts';
import type { ThreadTask } from './thread-task.ts';

const workerEntry = compiledEntry('./worker-entry.ts', import.meta.url);
const plainWorkerEntry = compiledEntry('./plain-worker-entry.ts', import.meta.url);

/** How one task is run in a fresh worker thread: the signal's abort terminates the worker, and the promise then rejects. */
export interface WorkerRun {
  readonly resourceLimits: { readonly maxOldGenerationSizeMb: number };
  readonly signal: AbortSignal;
}

/** A task under way in a worker, and how a parent done with it lets its worker go, as the code it names. */
export interface WorkerTask {
  readonly settled: Promise<unknown>;
  readonly release: () => Promise<unknown>;
  readonly awaited: string;
}

/** tinypool, as users run it: one pool per task, one worker, isolated, so every trial starts a fresh worker. */
export function runInTinypool(task: ThreadTask, { resourceLimits, signal }: WorkerRun): WorkerTask {
  const pool = new Tinypool({ filename: workerEntry, minThreads: 0, maxThreads: 1, isolateWorkers: true, resourceLimits });
  // destroy() terminates the workers the pool still holds, and waits for them.
  return { settled: pool.run(task, { transferList: [task.port], signal }), release: () => pool.destroy(), awaited: 'await pool.destroy()' };
}

/**
 * node:worker_threads alone, for an engine where tinypool does not start its tasks (see src/engines/engine-libraries.ts):
 * the task goes in workerData, the abort is worker.terminate() as tinypool's is, and the worker is terminated once the
 * task settled, as tinypool's isolated workers are. Rejects as tinypool does: with the uncaught error, an exit, or the abort.
 */
export function runInPlainWorker(task: ThreadTask, { resourceLimits, signal }: WorkerRun): WorkerTask {
  const worker = new Worker(plainWorkerEntry, { workerData: task, transferList: [task.port], resourceLimits });
  const settled = new Promise<unknown>((resolve, reject) => {
    worker.once('message', (message: { error?: string }) => (message.error === undefined ? resolve(undefined) : reject(new Error(message.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited with code ${code} before its task settled`)));
    const abort = () => {
      reject(new Error('The task has been aborted'));
      void worker.terminate();
    };
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
  return { settled: settled.finally(() => void worker.terminate()), release: () => worker.terminate(), awaited: 'await worker.terminate()' };
}

import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { MessageChannel } from 'node:worker_threads';
import Tinypool from 'tinypool';
import type { WorkloadSpec } from '../entry/messages.ts';
import type { ThreadWork, WorkEnd } from '../runtime/runtime.ts';
import { describeError, watchReady } from '../runtime/watch-ready.ts';
import { SharedMutex } from '../workload/shared-mutex.ts';
import { STOP_REQUESTED } from './thread-task.ts';
import { compiledEntry } from '../runtime/compiled-entry.ts';

const workerEntry = compiledEntry('./worker-entry.ts', import.meta.url);
const THREAD_POLL_INTERVAL_MS = 1;

/** Runs the workload in a fresh tinypool worker; terminate() is tinypool's abort, which terminates that worker. */
export function startThreadWork(spec: WorkloadSpec): ThreadWork {
  const pool = new Tinypool({ filename: workerEntry, minThreads: 0, maxThreads: 1, isolateWorkers: true });
  const { port1: hostPort, port2: workerPort } = new MessageChannel();
  const stopFlag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const terminateController = new AbortController();
  const ready = watchReady(hostPort);
  const readyThread: { osThreadId: number | null } = { osThreadId: null };
  void ready.then((value) => {
    readyThread.osThreadId = value.osThreadId;
  });
  const mutex = new SharedMutex();
  const task = pool.run({ spec, port: workerPort, stopFlag, mutex: mutex.buffer }, { transferList: [workerPort], signal: terminateController.signal });
  return {
    ready,
    ended: observeEnd(task, readyThread).finally(() => hostPort.close()),
    requestStop() {
      Atomics.store(new Int32Array(stopFlag), 0, STOP_REQUESTED);
      hostPort.postMessage({ type: 'stop' });
    },
    forceStop: () => terminateController.abort(),
    mutex,
  };
}

/**
 * tinypool settles an aborted task at once and terminates the worker afterwards, so the end that counts is
 * the worker's OS thread leaving /proc, not the promise.
 */
async function observeEnd(task: Promise<unknown>, readyThread: { osThreadId: number | null }): Promise<WorkEnd> {
  const error = await task.then(
    () => null,
    (reason: unknown) => describeError(reason),
  );
  const reportedAt = performance.now();
  if (readyThread.osThreadId !== null) await waitForThreadExit(readyThread.osThreadId);
  return { exitCode: error === null ? 0 : null, signal: null, error, reportedAt, endedAt: performance.now() };
}

async function waitForThreadExit(osThreadId: number): Promise<void> {
  while (existsSync(`/proc/self/task/${osThreadId}`)) await sleep(THREAD_POLL_INTERVAL_MS);
}

import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { MessageChannel } from 'node:worker_threads';
import { WORKER_COMMANDS, type WorkloadSpec } from '../entry/messages.ts';
import type { StartOptions, ThreadWork, WorkEnd } from '../runtime/runtime.ts';
import { describeError, watchBodyThread, watchReady, watchTargetSection } from '../runtime/watch-ready.ts';
import { SharedMutex } from '../workload/shared-mutex.ts';
import { createSharedMemoryBuffer } from '../workload/shared-memory.ts';
import { followEventLog } from '../runtime/follow-event-log.ts';
import { librariesOf } from '../engines/engine-libraries.ts';
import { readRunningEngine } from '../this-engine/read-engine.ts';
import type { EngineName } from '../engines/engine-target.ts';
import { runInPlainWorker, runInTinypool } from './run-in-worker.ts';

const THREAD_POLL_INTERVAL_MS = 1;
/** How long after the worker's thread is gone tinypool may take to settle the task before it counts as never. */
const SETTLE_AFTER_EXIT_MS = 1_000;
/** Deadline signals of the work under way, strongly held (see startThreadWork). */
const pendingDeadlines = new Set<AbortSignal>();
const UNSETTLED = `the worker's thread ended but tinypool had not settled the task ${SETTLE_AFTER_EXIT_MS} ms later`;

/** How each engine's host runs a task in a worker: tinypool, or node:worker_threads where tinypool cannot (see src/engines/engine-libraries.ts). */
const RUNNERS = { tinypool: runInTinypool, 'node:worker_threads': runInPlainWorker } as const;
const runInWorker = RUNNERS[librariesOf(readRunningEngine().name as EngineName).thread.library as keyof typeof RUNNERS];

/** Runs the workload in a fresh tinypool worker; terminate() is tinypool's abort, which terminates that worker. */
export function startThreadWork(spec: WorkloadSpec, _controlDir: string, options: StartOptions): ThreadWork {
  const startedAt = performance.now();
  // The heap cap: V8 ends a worker that outgrows it with ERR_WORKER_OUT_OF_MEMORY, and the host lives on.
  const { port1: hostPort, port2: workerPort } = new MessageChannel();
  const commandSlot = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const terminateController = new AbortController();
  const deadline = options.deadlineMs === null ? null : AbortSignal.timeout(options.deadlineMs);
  const signal = deadline === null ? terminateController.signal : AbortSignal.any([terminateController.signal, deadline]);
  // AbortSignal.any() holds its sources weakly and the timeout's timer holds its signal weakly too: a collected
  // timeout signal never fires (nodejs/node#57736; seen here as `timeout` trials hanging). Held until the end.
  if (deadline !== null) pendingDeadlines.add(deadline);
  let deadlineFiredAt: number | null = null;
  deadline?.addEventListener('abort', () => (deadlineFiredAt = performance.now()), { once: true });
  const mutex = new SharedMutex();
  const sharedMemory = createSharedMemoryBuffer();
  const resourceLimits = { maxOldGenerationSizeMb: options.memoryLimitMb };
  const {
    settled: task,
    release,
    awaited,
  } = runInWorker({ spec, port: workerPort, commandSlot, mutex: mutex.buffer, sharedMemory }, { resourceLimits, signal });
  const events =
    spec.eventLog === undefined
      ? hostPort
      : followEventLog(
          hostPort,
          spec.eventLog,
          task.catch(() => undefined),
        );
  const ready = watchReady(events);
  const { gone, ended } = observeEnd(task, ready);
  return {
    ready,
    bodyThread: watchBodyThread(events, process.pid),
    targetSection: watchTargetSection(events),
    gone,
    ended: ended.finally(() => {
      hostPort.close();
      if (deadline !== null) pendingDeadlines.delete(deadline);
    }),
    startedAt,
    deadlineFiredAt: () => deadlineFiredAt,
    sendCommand(command) {
      Atomics.store(new Int32Array(commandSlot), 0, WORKER_COMMANDS[command]);
      hostPort.postMessage({ type: 'command', command });
    },
    forceStop: () => terminateController.abort(),
    // A parent lets the worker go once it is done with the task: once tinypool settled it, or gave up settling it (a
    // destroy() before would settle it instead).
    parent: { awaited, settle: () => ended.then(release).then(() => performance.now()), pipes: [], timesReport: false },
    childPid: null,
    shared: { mutex, memory: new Int32Array(sharedMemory) },
  };
}

/**
 * The end that counts is the worker's OS thread leaving /proc: tinypool settles an aborted task at once and
 * terminates the worker afterwards, and a worker that calls process.exit() may end without tinypool noticing.
 */
function observeEnd(task: Promise<unknown>, ready: Promise<{ osThreadId: number }>): { gone: Promise<number>; ended: Promise<WorkEnd> } {
  const settled = task.then(
    () => ({ error: null, at: performance.now() }),
    (reason: unknown) => ({ error: describeError(reason), at: performance.now() }),
  );
  // Before ready() the thread's id is unknown, and only tinypool can tell that the work ended.
  const osThreadId = Promise.race([ready.then((value) => value.osThreadId), settled.then(() => null)]);
  const gone = osThreadId.then(async (id) => {
    if (id === null) return (await settled).at;
    await waitForThreadExit(id);
    return performance.now();
  });
  const ended = gone.then(async (endedAt): Promise<WorkEnd> => {
    if ((await osThreadId) === null) {
      const { error, at } = await settled;
      return { exitCode: error === null ? 0 : null, signal: null, error, reportedAt: at, endedAt: at };
    }
    // Unreferenced, as every wait of the host's own: the parent watch counts what holds the host's event loop.
    const report = await Promise.race([settled, sleep(SETTLE_AFTER_EXIT_MS, null, { ref: false })]);
    if (report === null) return { exitCode: null, signal: null, error: UNSETTLED, reportedAt: null, endedAt };
    return { exitCode: report.error === null ? 0 : null, signal: null, error: report.error, reportedAt: report.at, endedAt };
  });
  return { gone, ended };
}

async function waitForThreadExit(osThreadId: number): Promise<void> {
  while (existsSync(`/proc/self/task/${osThreadId}`)) await sleep(THREAD_POLL_INTERVAL_MS, undefined, { ref: false });
}

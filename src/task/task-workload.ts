import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineWorkload, type WorkloadContext } from '../workload/define-workload.ts';
import { loadTaskModule, nameTask, readTaskWorkloadUrl, type TaskModule } from './task-module.ts';

// Imported with a query that names the job file, the export and the payload (see toTaskWorkloadUrl), so the same
// adapter runs any tinypool- or piscina-style task, unchanged, in a worker thread and in a child process.
const { taskUrl, exportName, data } = readTaskWorkloadUrl(import.meta.url);
const task = await loadTaskModule(taskUrl, exportName);

export default defineWorkload({
  name: nameTask(taskUrl, exportName),
  description: describeTask(),
  // Those pools stop a task by terminating its worker: the function never sees a request, but a cleanup export does.
  receivesStopRequest: task.cleanup !== null,
  reportsCleanup: task.cleanup !== null,
  run: (context) => runTask(task, context),
});

function describeTask(): string {
  const which = exportName === 'default' ? 'the default export' : `the export ${exportName}`;
  const hooks = [
    task.ready === null ? 'ready when the call starts' : 'ready when its ready export resolves',
    task.cleanup === null ? 'no cleanup export' : 'a cleanup export run on a stop request',
  ];
  return `a tinypool/piscina task: ${which} of ${basename(fileURLToPath(taskUrl))}, called with the --task-data payload; ${hooks.join(', ')}`;
}

/**
 * Readiness is the call's start, or the `ready` export's promise. With a cleanup export, a stop request runs it
 * and ends the work, as tinypool's teardown precedes the worker's end; a task that returns gets it too.
 */
async function runTask({ run, ready, cleanup }: TaskModule, context: WorkloadContext): Promise<void> {
  if (ready === null) context.ready();
  const running = startCall(run);
  if (ready !== null) {
    await Promise.race([ready(data), running]);
    context.ready();
  }
  if (cleanup === null) {
    await running;
    return;
  }
  // Once the stop wins the race, a later rejection of the abandoned call must not end the work as a failure.
  running.catch(() => undefined);
  const stopRequested = new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    await Promise.race([running, stopRequested]);
  } finally {
    await cleanup(data);
    context.markCleanupRan(`${cleanup.name || 'cleanup'} export`);
  }
}

/** Calls the task function now, on this stack, as a pool does; a synchronous throw becomes the call's rejection. */
function startCall(run: TaskModule['run']): Promise<unknown> {
  try {
    return Promise.resolve(run(data));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

import { appendFileSync, readlinkSync } from 'node:fs';
import { eventPollDescriptorsOf, readDescriptorTable } from '../linux-proc/descriptor-table.ts';
import type { WorkloadContext } from '../workload/define-workload.ts';
import { loadWorkload, prepareLoaderFor } from '../workload/load-workload.ts';
import { SharedMutex } from '../workload/shared-mutex.ts';
import type { WorkerCommand, WorkerEvent, WorkloadSpec } from './messages.ts';
import { createSectionHooks } from './critical-sections.ts';
import { createCommandHandler } from './obey-command.ts';
import { logEvents } from './event-log.ts';

/** The few things that differ between a worker thread and a child process, seen from inside. */
export interface WorkloadTransport {
  send(event: WorkerEvent): void;
  /** Synchronous view of the latest host command, readable while the event loop is blocked. */
  readCommand(): WorkerCommand | null;
  onCommand(listener: (command: WorkerCommand) => void): void;
  /** Memory for the shared mutex: the host's own in a thread, the child's alone in a process. */
  readonly mutexBuffer: SharedArrayBuffer;
  /** Memory for `context.sharedMemory`, shared or not as the mutex's is. */
  readonly sharedMemoryBuffer: SharedArrayBuffer;
}

/** The one body that runs a workload, unchanged in both runtimes. */
export async function runWorkload(spec: WorkloadSpec, channel: WorkloadTransport): Promise<void> {
  const transport = { ...channel, send: logEvents((event) => channel.send(event), spec.eventLog) };
  transport.send({ type: 'started', osThreadId: readOsThreadId(), eventLoops: listEventLoops() });
  // The loader keeps its cache in the temp folder, which must be the harness's, not the workload's (the host has
  // already given the trial's to every process of the trial, so it is put back for as long as the loader starts).
  process.env.TMPDIR = spec.loaderTempDir;
  await prepareLoaderFor(spec.workloadUrl);
  // Temp files a workload creates must land in its trial directory so the probes can attribute them.
  process.env.TMPDIR = spec.workDir;
  const workload = await loadWorkload(spec.workloadUrl);
  const controller = new AbortController();
  const obey = createCommandHandler(controller);
  transport.onCommand(obey);
  await workload.run(createContext(spec, workload.criticalSections ?? [], transport, controller, obey));
}

function createContext(
  spec: WorkloadSpec,
  declaredSections: readonly string[],
  transport: WorkloadTransport,
  controller: AbortController,
  obey: (command: WorkerCommand) => void,
): WorkloadContext {
  let readySince: number | null = null;
  const stopRequested = () => {
    const command = transport.readCommand();
    if (command !== null) obey(command);
    return controller.signal.aborted;
  };
  return {
    signal: controller.signal,
    dir: spec.workDir,
    dataDir: spec.dataDir,
    stopRequested,
    ready() {
      readySince = performance.now();
      transport.send({ type: 'ready', osThreadId: readOsThreadId(), eventLoops: listEventLoops() });
    },
    // Synchronous appends: each reaches the kernel before the next statement, so it survives a SIGKILL right after.
    markCleanupRan: (step = 'cleanup') => appendFileSync(spec.cleanupLog, `${step}\n`),
    acknowledge: (record) => appendFileSync(spec.acknowledgementLog, `${record}\n`),
    sharedMutex: new SharedMutex(transport.mutexBuffer),
    sharedMemory: new Int32Array(transport.sharedMemoryBuffer),
    ...createSectionHooks(spec, {
      declared: declaredSections,
      readySince: () => readySince,
      stopRequested,
      signal: controller.signal,
      notify: (event) => transport.send(event),
    }),
  };
}

/** The epoll instances open now, read in the work's own thread, so that no synchronous call of the workload runs meanwhile. */
function listEventLoops(): number[] | null {
  const table = readDescriptorTable(process.pid);
  return table === null ? null : [...eventPollDescriptorsOf(table)];
}

/** The kernel's id of the calling thread, so the host can watch that very thread end. */
function readOsThreadId(): number {
  return Number(readlinkSync('/proc/thread-self').split('/').pop());
}

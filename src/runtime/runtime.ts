import type { OwnPipe } from '../linux-proc/pipe-holders.ts';
import type { WorkerCommand, WorkloadSpec, WorkReady } from '../entry/messages.ts';
import type { SharedMutex } from '../workload/shared-mutex.ts';
import type { TargetSection } from './watch-ready.ts';

/** The Node.js runtimes: a worker thread (tinypool) and a child process (execa), started by a Node.js host. */
export const NODE_RUNTIME_NAMES = ['thread', 'process'] as const;
export type NodeRuntimeName = (typeof NODE_RUNTIME_NAMES)[number];
/**
 * The Python runtimes, started by a Python host (python/host.py) that speaks the same protocol (docs/host-protocol.md):
 * a threading.Thread, and a multiprocessing.Process with the interpreter's default start method or with spawn.
 */
export const PYTHON_RUNTIME_NAMES = ['py-thread', 'py-process', 'py-process-spawn'] as const;
export type PythonRuntimeName = (typeof PYTHON_RUNTIME_NAMES)[number];
export const RUNTIME_NAMES = [...NODE_RUNTIME_NAMES, ...PYTHON_RUNTIME_NAMES] as const;
export type RuntimeName = (typeof RUNTIME_NAMES)[number];

export function isPythonRuntime(runtime: RuntimeName): runtime is PythonRuntimeName {
  return (PYTHON_RUNTIME_NAMES as readonly string[]).includes(runtime);
}

/** How a piece of work ended, as the runtime and the OS saw it (times are `performance.now()` in the host). */
export interface WorkEnd {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly error: string | null;
  /** When the runtime's own promise settled (tinypool's task, execa's result); null if it never did. */
  readonly reportedAt: number | null;
  /** When the OS showed the work gone: the worker's OS thread ended, the child was reaped. */
  readonly endedAt: number;
}

/**
 * The OS thread a workload's body runs on, with the process it belongs to (the host for a worker, the child for a
 * process) and the epoll instances open when the body began: a later one that it waits on is a synchronous call's.
 */
export interface BodyThread extends WorkReady {
  readonly pid: number;
}

/** What a parent that uses the runtime the usual way waits on after a stop (see src/host/parent-watch.ts). */
export interface ParentTies {
  /** The call such a parent awaits once the work is gone, as it is written: `await subprocess`, `await pool.destroy()`. */
  readonly awaited: string;
  /** Makes that call (only now: a pool's destroy() would end work still running) and resolves with `performance.now()` once it settled. */
  settle(): Promise<number>;
  /** The host's descriptors on pipes to the work as it started; none for a thread, whose channels to its host are memory. */
  readonly pipes: readonly OwnPipe[];
  /** Whether the awaited call is the runtime's own promise that `WorkEnd.reportedAt` times (execa's), rather than a teardown (a pool's). */
  readonly timesReport: boolean;
}

/** Work running in one runtime, started by the host for one trial. */
export interface StartedWork {
  /** Resolves when the workload calls ready(); carries the OS thread the workload runs on, and the event loops open then. */
  readonly ready: Promise<WorkReady>;
  /**
   * The OS thread the workload's body runs on, once it began (before its module loaded): where to read what a workload
   * that never calls ready() is waiting in. null until the body said so.
   */
  bodyThread(): BodyThread | null;
  /** The critical section the trial targets, as the workload enters and leaves it; never entered when it targets none. */
  readonly targetSection: TargetSection;
  /**
   * Resolves with `performance.now()` once the OS shows the work gone (the worker's thread left /proc, the child
   * was reaped): what a stop timeout waits for. `ended` follows once the runtime settled, or gave up settling.
   */
  readonly gone: Promise<number>;
  readonly ended: Promise<WorkEnd>;
  /** `performance.now()` when the runtime was asked to start the work: where its own deadline counts from. */
  readonly startedAt: number;
  /**
   * `performance.now()` when the runtime's own deadline acted (tinypool's AbortSignal.timeout fired; execa sent its
   * SIGTERM), whose timer each runtime starts itself; null without a deadline, or before it acted.
   */
  deadlineFiredAt(): number | null;
  /** Sends a command to the workload body: `stop` is the cooperative stop (flag and signal); `crash`, `exit` fault it. */
  sendCommand(command: WorkerCommand): void;
  /** The runtime's forced stop: worker.terminate() through tinypool's abort, or SIGKILL to the child. */
  forceStop(): void;
  readonly parent: ParentTies;
  /** The child process the work runs in; null for a worker, which runs in the host's own process. */
  readonly childPid: number | null;
  /** What the host shares with the work: a worker's; null for a child, whose memory is its own. */
  readonly shared: SharedWithHost | null;
}

/** The workload's shared mutex and `context.sharedMemory`, seen from the host. */
export interface SharedWithHost {
  readonly mutex: SharedMutex;
  readonly memory: Int32Array;
}

export interface ThreadWork extends StartedWork {
  readonly childPid: null;
  readonly shared: SharedWithHost;
}

/**
 * The signals the kill styles send a child, named here rather than as NodeJS.Signals: the package's published types
 * reach this file (through the results' kill style names), and must check in a project without @types/node.
 */
export type KillSignal = 'SIGTERM' | 'SIGINT' | 'SIGKILL';

export interface ProcessWork extends StartedWork {
  readonly childPid: number;
  readonly shared: null;
  sendSignal(signal: KillSignal): void;
}

export interface WorkByRuntime {
  thread: ThreadWork;
  process: ProcessWork;
}

/** How a kill style needs the work started. */
export interface StartOptions {
  /** The runtime's own deadline, counted from the start: execa's `timeout`, an `AbortSignal.timeout` given to tinypool. */
  readonly deadlineMs: number | null;
  /** Child processes only: the child turns SIGTERM into the cooperative stop. */
  readonly stopOnSigterm: boolean;
  /** The heap cap: a worker's resourceLimits.maxOldGenerationSizeMb, a child's --max-old-space-size. */
  readonly memoryLimitMb: number;
}

/** A runtime adapter: starts one workload for one trial. */
export type StartWork<Name extends NodeRuntimeName> = (spec: WorkloadSpec, controlDir: string, options: StartOptions) => WorkByRuntime[Name];

/** The two languages whose hosts the harness speaks to, each with a thread and a process runtime. */
export type Language = 'node' | 'python';

export function languageOf(runtime: RuntimeName): Language {
  return isPythonRuntime(runtime) ? 'python' : 'node';
}

/** Whether the work shares its host's process (a worker thread, a Python thread) rather than being a child of it. */
export function isThreadRuntime(runtime: RuntimeName): boolean {
  return runtime === 'thread' || runtime === 'py-thread';
}

import type { WorkReady } from '../entry/messages.ts';
import { EVENT_LOOP_WAITS, nameSystemCall } from '../linux-proc/syscall-names.ts';
import { readThreadSyscall } from '../linux-proc/thread-syscall.ts';
import type { WorkActivity } from '../record/trial-result.ts';
import { readThreadState } from '../linux-proc/process-stat.ts';

/** The OS thread the workload runs on, and the epoll instances open at ready(), its own event loop's among them. */
export interface WorkThread {
  readonly pid: number;
  readonly threadId: number;
  /** null when the descriptors could not be read: an epoll wait then cannot be told idle or not. */
  readonly eventLoops: ReadonlySet<number> | null;
}

/** `pid` is the process the thread belongs to: the host for a worker, the child for a process. */
export function findWorkThread(pid: number, ready: WorkReady): WorkThread {
  return { pid, threadId: ready.osThreadId, eventLoops: ready.eventLoops === null ? null : new Set(ready.eventLoops) };
}

/** What the work's thread is doing now; `killRequestedAt` is the kill request's `performance.now()`. */
export function readWorkActivity(thread: WorkThread, killRequestedAt: number): WorkActivity {
  const seen = readThreadSyscall(thread.pid, thread.threadId);
  const afterKillMs = performance.now() - killRequestedAt;
  if (seen === null) return { state: 'unknown', systemCall: null, kernelState: null, afterKillMs };
  const { kernelState, call } = seen;
  if (call === null) return { state: 'running', systemCall: null, kernelState, afterKillMs };
  // -1: stopped outside any call (a debugger, SIGSTOP): neither running nor blocked in anything to name.
  if (call.number < 0) return { state: 'unknown', systemCall: null, kernelState, afterKillMs };
  const systemCall = nameSystemCall(call.number);
  if (!EVENT_LOOP_WAITS.has(systemCall)) return { state: 'in-system-call', systemCall, kernelState, afterKillMs };
  if (thread.eventLoops === null || call.firstArgument === null) return { state: 'unknown', systemCall, kernelState, afterKillMs };
  return { state: thread.eventLoops.has(call.firstArgument) ? 'waiting-for-events' : 'in-system-call', systemCall, kernelState, afterKillMs };
}

/**
 * Whether the OS shows the thread's work over right now: a worker's thread gone from /proc, a child's main thread a
 * zombie (it exited; the host has not reaped it yet) or gone. Read right before a kill, it tells work that ended by
 * itself from work the kill ended, whatever the runtime has yet to report.
 */
export function hasThreadEnded({ pid, threadId }: WorkThread): boolean {
  const state = readThreadState(pid, threadId);
  return state === null || state === 'Z' || state === 'X';
}

/** Where the work's thread was, in words: "waiting in wait4 (kernel state S)", "running code (kernel state R)". */
export function describeWorkActivity({ state, systemCall, kernelState }: WorkActivity): string {
  const kernel = kernelState === null ? '' : ` (kernel state ${kernelState})`;
  if (state === 'running') return `running code, in no system call${kernel}`;
  if (state === 'waiting-for-events') return `idle in its own event loop (${systemCall ?? 'epoll'})${kernel}`;
  if (state === 'in-system-call' && systemCall !== null && EVENT_LOOP_WAITS.has(systemCall))
    return `blocked in a synchronous call's private event loop (${systemCall}, as execFileSync and spawnSync wait for their child)${kernel}`;
  if (state === 'in-system-call') return `blocked in the system call ${systemCall ?? 'unknown'}${kernel}`;
  return systemCall === null ? `unreadable${kernel}` : `waiting in ${systemCall}, its event loop's wait or a blocking call's (not told apart)${kernel}`;
}

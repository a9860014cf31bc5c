import type { WorkReady } from '../entry/messages.ts';
import { EVENT_LOOP_WAITS, nameSystemCall } from '../linux-proc/syscall-names.ts';
import { readThreadSyscall } from '../linux-proc/thread-syscall.ts';
import type { WorkActivity } from '../record/trial-result.ts';

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

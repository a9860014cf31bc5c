import { readThreadState } from './process-stat.ts';
import { readProcFile } from './read-proc-file.ts';

/** The system call a thread is blocked in, as /proc/<pid>/task/<tid>/syscall shows it. */
export interface BlockedCall {
  /** The call's number on this architecture; -1 when the thread is blocked outside any call (stopped in user space). */
  readonly number: number;
  /** Its first argument (a descriptor, for read(2) and the epoll waits); null when not shown. */
  readonly firstArgument: number | null;
}

/** What one thread was doing at the moment of the read. */
export interface ThreadSyscall {
  /** The kernel's state letter: R running or runnable, S sleeping, D uninterruptible sleep, … */
  readonly kernelState: string;
  /** null while the thread runs (the kernel shows "running": it executes code, or waits for a CPU to do so). */
  readonly call: BlockedCall | null;
}

/**
 * Reads a thread's state and its current system call; null when either file cannot be read (the thread is gone, or
 * the kernel refuses: reading `syscall` needs ptrace access to the process).
 */
export function readThreadSyscall(pid: number, threadId: number): ThreadSyscall | null {
  const kernelState = readThreadState(pid, threadId);
  const syscall = readProcFile(`/proc/${pid}/task/${threadId}/syscall`);
  if (kernelState === null || syscall === null) return null;
  const [number, firstArgument] = syscall.trim().split(' ');
  if (number === 'running') return { kernelState, call: null };
  const parsed = Number(number);
  if (!Number.isInteger(parsed)) return null;
  // Outside a call (-1) the kernel shows the stack and instruction pointers instead of arguments.
  const argument = parsed < 0 || firstArgument === undefined ? null : Number(firstArgument);
  return { kernelState, call: { number: parsed, firstArgument: argument } };
}

import type { ProcessFamily } from './process-family.ts';
import { readIfOfFamily } from './scan-family.ts';

// A process's signals to its own direct child (the host's execa child, the harness's hosts) go through the child's
// handle and need no gate: Node's ChildProcess.kill() signals only while `_handle` is set, and libuv reaps the child
// (waitpid, from which moment its pid can be reused) and then calls onexit, which clears `_handle`, before any other
// callback runs. The one exception: libuv reaps every exited child first, then runs their exit callbacks in turn, so
// code run from one child's exit could still signal a second child reaped in the same turn. A host runs one trial's
// child at a time, and `ps` (tree-kill's) is reaped before tree-kill signals anything.

// Taken when this module loads, before guardSignals() can replace process.kill, so the gate's own signals reach the kernel.
const sendSignal = process.kill.bind(process);

/** Which pids a round of signals reached, and which it refused because they are no longer the family's (or are gone). */
export interface SignalOutcome {
  readonly signalled: number[];
  readonly skipped: number[];
}

/**
 * The one gate every signal of the harness to a pid it did not start itself passes: the pid is signalled only if,
 * right now, it is a process of the family (see readIfOfFamily): a recorded pid whose start time still matches,
 * or a process newly tied to the family. A pid the kernel handed to another process since it was listed fails that
 * check and is never hit. Returns whether it signalled.
 *
 * The check and kill(2) are two system calls (Node.js has no pidfd_send_signal). What is left open is the few
 * microseconds between them, in which the process would have to exit, be reaped by its parent, and its pid be given
 * to a new process; a pid list built by `ps` or a scan of /proc leaves milliseconds to seconds.
 */
export function signalIfOfFamily(pid: number, signal: NodeJS.Signals | number, family: ProcessFamily): boolean {
  // A pid of 0 or below names a process group, which no single identity can vouch for: /proc has no entry for it.
  if (!Number.isInteger(pid) || pid <= 0 || readIfOfFamily(family, pid) === null) return false;
  try {
    sendSignal(pid, signal);
    return true;
  } catch (error) {
    // EPERM: a descendant that became another user's (a setuid helper) cannot be signalled; the reaper reports it.
    if (isNoSuchProcess(error) || isNotPermitted(error)) return false;
    throw error;
  }
}

function isNotPermitted(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EPERM';
}

/** Signals each pid through the gate, in order, and says which it reached. */
export function signalEachOfFamily(pids: readonly number[], signal: NodeJS.Signals | number, family: ProcessFamily): SignalOutcome {
  const outcome: SignalOutcome = { signalled: [], skipped: [] };
  for (const pid of pids) (signalIfOfFamily(pid, signal, family) ? outcome.signalled : outcome.skipped).push(pid);
  return outcome;
}

export function isNoSuchProcess(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ESRCH';
}

import type { ProcessFamily } from './process-family.ts';
import { signalIfOfFamily, type SignalOutcome } from './signal-gate.ts';

let guardActive = false;

/**
 * Runs an action whose signals go through process.kill (a library such as tree-kill, which lists its targets
 * first and signals them later) with process.kill replaced by the family gate: each target is checked right before
 * its own signal, and every process of the family passes, however it was found. A refused pid throws ESRCH, what
 * process.kill throws for a pid that is gone, since the process the caller meant is gone. Restored when the action
 * settles; one guard at a time, as nesting would restore out of order.
 */
export async function guardSignals<T>(family: ProcessFamily, action: () => Promise<T>): Promise<SignalOutcome & { readonly value: T }> {
  if (guardActive) throw new Error('guardSignals: a guard is already active; process.kill can carry only one at a time');
  const outcome: SignalOutcome = { signalled: [], skipped: [] };
  const unguarded = process.kill;
  process.kill = (pid: number, signal: string | number = 'SIGTERM'): true => {
    if (signalIfOfFamily(pid, signal as NodeJS.Signals | number, family)) {
      outcome.signalled.push(pid);
      return true;
    }
    outcome.skipped.push(pid);
    throw refused(pid, family.marker);
  };
  guardActive = true;
  try {
    const value = await action();
    return { ...outcome, value };
  } finally {
    process.kill = unguarded;
    guardActive = false;
  }
}

function refused(pid: number, marker: string): Error {
  const error = new Error(`kill ESRCH: pid ${pid} is no longer a process of ${marker}; no signal sent`);
  return Object.assign(error, { code: 'ESRCH', errno: -3, syscall: 'kill' });
}

import type { KillSignal } from '../runtime/runtime.ts';
import { inPythonProcesses, noPythonCounterpart, type PythonCalls, SIGNALS_REACH_PROCESSES, type WorkKillStyle } from './kill-style.ts';

/** A signal to the child: the styles below differ only in which signal, and whether the child handles SIGTERM. */
function signalStyle(name: string, signal: KillSignal, description: string, python: PythonCalls, start?: WorkKillStyle['start']): WorkKillStyle {
  return {
    kind: 'work',
    name,
    description: `${description} (processes only)`,
    // Only SIGKILL cannot be handled: a child may answer SIGTERM or SIGINT with an exit of its own choosing.
    ...(signal === 'SIGKILL' ? { forcesEnd: true } : {}),
    // A handled SIGTERM becomes the cooperative stop request, and ends nothing by itself.
    ...(start === undefined ? {} : { start, onlyRequestsStop: start.stopOnSigterm === true }),
    thread: SIGNALS_REACH_PROCESSES,
    process: (work) => work.sendSignal(signal),
    ...python,
  };
}

/** SIGTERM with the default disposition: the child installs no handler. */
export const sigterm = signalStyle('sigterm', 'SIGTERM', 'SIGTERM to the child, which has no handler', inPythonProcesses('Process.terminate() (SIGTERM)'));

/** SIGTERM to a child that turns it into the cooperative stop, as a well-behaved service does. */
export const sigtermHandled = signalStyle(
  'sigterm-handled',
  'SIGTERM',
  "SIGTERM to a child whose process.on('SIGTERM') listener turns it into the cooperative stop; the listener runs on the event loop",
  noPythonCounterpart('in Python, `join-then-terminate` sets the stop event before it sends SIGTERM'),
  { stopOnSigterm: true },
);

/** SIGINT, what Ctrl-C sends: the default disposition ends a Node.js process. */
export const sigint = signalStyle(
  'sigint',
  'SIGINT',
  'SIGINT to the child, as Ctrl-C sends',
  inPythonProcesses('os.kill(pid, SIGINT): KeyboardInterrupt in the child'),
);

/** SIGKILL: the kernel ends the child; nothing in it runs. */
export const sigkill = signalStyle('sigkill', 'SIGKILL', 'SIGKILL to the child', inPythonProcesses('Process.kill() (SIGKILL)'));

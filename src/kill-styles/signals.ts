import { SIGNALS_REACH_PROCESSES, type WorkKillStyle } from './kill-style.ts';

/** SIGTERM with the default disposition: the child installs no handler. */
export const sigterm: WorkKillStyle = {
  kind: 'work',
  name: 'sigterm',
  description: 'SIGTERM to the child, which has no handler (processes only)',
  thread: SIGNALS_REACH_PROCESSES,
  process: (work) => work.sendSignal('SIGTERM'),
};

/** SIGTERM to a child that turns it into the cooperative stop, as a well-behaved service does. */
export const sigtermHandled: WorkKillStyle = {
  kind: 'work',
  name: 'sigterm-handled',
  description: "SIGTERM to a child whose process.on('SIGTERM') listener turns it into the cooperative stop; the listener runs on the event loop (processes only)",
  start: { stopOnSigterm: true },
  thread: SIGNALS_REACH_PROCESSES,
  process: (work) => work.sendSignal('SIGTERM'),
};

/** SIGINT, what Ctrl-C sends: the default disposition ends a Node.js process. */
export const sigint: WorkKillStyle = {
  kind: 'work',
  name: 'sigint',
  description: 'SIGINT to the child, as Ctrl-C sends (processes only)',
  thread: SIGNALS_REACH_PROCESSES,
  process: (work) => work.sendSignal('SIGINT'),
};

/** SIGKILL: the kernel ends the child; nothing in it runs. */
export const sigkill: WorkKillStyle = {
  kind: 'work',
  name: 'sigkill',
  description: 'SIGKILL to the child (processes only)',
  thread: SIGNALS_REACH_PROCESSES,
  process: (work) => work.sendSignal('SIGKILL'),
};

import type { KillStyle, NotApplicable } from './kill-style.ts';

const signalsReachProcesses: NotApplicable = {
  notApplicable: 'a signal is delivered to the whole host process; Node.js has no way to signal one worker thread',
};

/** SIGTERM with the default disposition: the child installs no handler. */
export const sigterm: KillStyle = {
  name: 'sigterm',
  description: 'SIGTERM to the child, which has no handler (processes only)',
  thread: signalsReachProcesses,
  process: (work) => work.sendSignal('SIGTERM'),
};

/** SIGKILL: the kernel ends the child; nothing in it runs. */
export const sigkill: KillStyle = {
  name: 'sigkill',
  description: 'SIGKILL to the child (processes only)',
  thread: signalsReachProcesses,
  process: (work) => work.sendSignal('SIGKILL'),
};

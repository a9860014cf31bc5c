import type { WorkKillStyle } from './kill-style.ts';

/** The workload itself throws an error nothing catches, mid-work. */
export const crash: WorkKillStyle = {
  kind: 'work',
  name: 'crash',
  description: 'the workload throws an uncaught error mid-work',
  thread: (work) => work.sendCommand('crash'),
  process: (work) => work.sendCommand('crash'),
};

/** The workload itself calls process.exit() mid-work: in a worker thread that ends only the worker. */
export const exit: WorkKillStyle = {
  kind: 'work',
  name: 'exit',
  description: 'the workload calls process.exit(1) mid-work (in a worker it ends only the worker)',
  thread: (work) => work.sendCommand('exit'),
  process: (work) => work.sendCommand('exit'),
};

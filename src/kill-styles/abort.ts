import type { KillStyle } from './kill-style.ts';

/** Cooperative stop: the workload's signal is aborted and the harness waits for run() to return. */
export const abort: KillStyle = {
  name: 'abort',
  description: 'cooperative: abort the workload signal and wait for run() to return',
  thread: (work) => work.requestStop(),
  process: (work) => work.requestStop(),
};

import { noPythonCounterpart, type WorkKillStyle } from './kill-style.ts';
import { sequenceStyle } from './stop-sequence.ts';

/** Cooperative stop: the workload's signal is aborted and the harness waits for run() to return. */
export const abort: WorkKillStyle = {
  kind: 'work',
  name: 'abort',
  description: 'cooperative: abort the workload signal and wait for run() to return',
  onlyRequestsStop: true,
  thread: (work) => work.sendCommand('stop'),
  process: (work) => work.sendCommand('stop'),
  ...noPythonCounterpart("Python's cooperative stop is `event` (threading.Event.set())"),
};

/** Abort, then force after --grace: the pattern of docker stop and execa's forceKillAfterDelay, as a sequence of steps. */
export const abortThenForce = sequenceStyle({
  name: 'abort-then-force',
  steps: 'abort>grace>force',
  description: 'abort; if run() has not returned after the grace period, force (terminate a worker, SIGKILL a child)',
  python: noPythonCounterpart('in Python, `join-then-terminate` asks, waits, then terminates a process (a thread cannot be terminated)'),
});

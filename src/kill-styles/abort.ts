import { within } from '../runtime/within.ts';
import type { StartedWork } from '../runtime/runtime.ts';
import { type KillContext, noPythonCounterpart, type WorkKillStyle } from './kill-style.ts';

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

/** Abort, then force after a grace period, as `docker stop` and execa's forceKillAfterDelay do. */
export const abortThenForce: WorkKillStyle = {
  kind: 'work',
  name: 'abort-then-force',
  description: 'abort; if run() has not returned after the grace period, force (terminate a worker, SIGKILL a child)',
  thread: abortThenForceWork,
  process: abortThenForceWork,
  ...noPythonCounterpart('in Python, `join-then-terminate` asks, waits, then terminates a process (a thread cannot be terminated)'),
};

/** Resolves with the step that ended the work, so the report can tell a graceful stop from a forced one. */
async function abortThenForceWork(work: StartedWork, { graceMs }: KillContext): Promise<string> {
  work.sendCommand('stop');
  if ((await within(graceMs, work.gone)) !== undefined) return 'abort';
  work.forceStop();
  return 'force';
}

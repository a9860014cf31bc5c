import { noPythonCounterpart, type WorkKillStyle } from './kill-style.ts';

// The runtime applies it by itself, at the deadline given when the work started.
const deadlineFires = () => undefined;

/** Each runtime's own deadline: execa's `timeout` option, an AbortSignal.timeout given to tinypool's run(). */
export const timeout: WorkKillStyle = {
  kind: 'work',
  name: 'timeout',
  description: "the runtime's own deadline, counted from the start: execa's timeout (SIGTERM), AbortSignal.timeout to tinypool",
  start: { usesDeadline: true },
  thread: deadlineFires,
  process: deadlineFires,
  ...noPythonCounterpart("in Python, a thread's deadline is `stopit-timeout` and a process's `join-then-terminate`"),
};

import { NO_TERMINATE_IN_A_CHILD, noPythonCounterpart, type WorkKillStyle } from './kill-style.ts';

/** Forced stop of a worker thread: tinypool's abort, which calls worker.terminate(). */
export const terminate: WorkKillStyle = {
  kind: 'work',
  name: 'terminate',
  description: "forced: worker.terminate() through tinypool's abort (threads only)",
  forcesEnd: true,
  thread: (work) => work.forceStop(),
  process: NO_TERMINATE_IN_A_CHILD,
  ...noPythonCounterpart(
    "Python's threads have no terminate(): `async-exception` is the forced thread kill the articles give, and Process.terminate() is `sigterm`",
  ),
};

import { type HostExitKillStyle, inEveryPythonRuntime, NOT_IN_NODE, type WorkKillStyle } from './kill-style.ts';
import { sequenceStyle } from './stop-sequence.ts';

// The ways the articles about Python say to stop a thread or a process. The Python host applies them
// (python/isolation_harness/kill_styles.py); here they are named, with where each applies, for the plan and the report.

const NOT_IN_A_CHILD = {
  notApplicable: 'the exception is raised in a thread of the calling interpreter; the child is another interpreter, which only a signal reaches',
};

/** The cooperative stop: the flag the work checks. */
export const event: WorkKillStyle = {
  kind: 'work',
  name: 'event',
  description: 'sets the stop event (threading.Event, or multiprocessing.Event for a child) and waits for the work to end by itself: the cooperative stop',
  onlyRequestsStop: true,
  ...NOT_IN_NODE,
  ...inEveryPythonRuntime('threading.Event.set()', 'multiprocessing.Event.set()'),
};

/** The recipe the articles give for killing a thread: raise an exception in it from outside. */
export const asyncException: WorkKillStyle = {
  kind: 'work',
  name: 'async-exception',
  description:
    "raises SystemExit in the work's thread with ctypes.pythonapi.PyThreadState_SetAsyncExc; the interpreter raises it at the thread's next bytecode, not inside a C call",
  ...NOT_IN_NODE,
  'py-thread': { python: 'ctypes.pythonapi.PyThreadState_SetAsyncExc(thread.ident, SystemExit)' },
  'py-process': NOT_IN_A_CHILD,
  'py-process-spawn': NOT_IN_A_CHILD,
};

/** The stopit library's thread timeout: the same asynchronous exception, raised by a timer. */
export const stopitTimeout: WorkKillStyle = {
  kind: 'work',
  name: 'stopit-timeout',
  description:
    'runs the work inside stopit.ThreadingTimeout(deadline); when the deadline passes, stopit raises TimeoutException in the thread as async-exception does',
  start: { usesDeadline: true },
  ...NOT_IN_NODE,
  'py-thread': { python: 'with stopit.ThreadingTimeout(deadline): run(context)' },
  'py-process': { notApplicable: `stopit.ThreadingTimeout: ${NOT_IN_A_CHILD.notApplicable}` },
  'py-process-spawn': { notApplicable: `stopit.ThreadingTimeout: ${NOT_IN_A_CHILD.notApplicable}` },
};

/** The interpreter exits while a daemon thread, or a daemonic child, is still working. */
export const daemonExit: HostExitKillStyle = {
  kind: 'host-exit',
  name: 'daemon-exit',
  description:
    "the work runs as a daemon thread or a daemonic process, and the host's interpreter exits normally (sys.exit(0)): daemon threads stop where they are, multiprocessing's exit hook terminates daemonic children",
  ...NOT_IN_NODE,
  'py-thread': { python: "Thread(daemon=True); sys.exit(0) in the host's main thread" },
  'py-process': { python: 'Process(daemon=True); sys.exit(0) in the host, whose multiprocessing exit hook calls terminate() on daemonic children' },
  'py-process-spawn': { python: 'Process(daemon=True); sys.exit(0) in the host, whose multiprocessing exit hook calls terminate() on daemonic children' },
};

/** concurrent.futures's cancel, which the articles suggest for pool work, against work that is already running. */
export const futuresCancel: WorkKillStyle = {
  kind: 'work',
  name: 'futures-cancel',
  description:
    'the work is submitted to a one-worker ThreadPoolExecutor or ProcessPoolExecutor; the stop is future.cancel() and shutdown(wait=False, cancel_futures=True), which cancel only work not yet started',
  ...NOT_IN_NODE,
  ...inEveryPythonRuntime(
    'future.cancel(); ThreadPoolExecutor.shutdown(wait=False, cancel_futures=True)',
    'future.cancel(); ProcessPoolExecutor.shutdown(wait=False, cancel_futures=True)',
  ),
};

/** Ask, wait a grace period, then terminate: what the articles recommend for a multiprocessing.Process, as a sequence of steps. */
export const joinThenTerminate = sequenceStyle({
  name: 'join-then-terminate',
  steps: 'event>grace>terminate',
  description: 'sets the stop event, join(grace), then Process.terminate() (SIGTERM) if the child is still alive (processes only)',
  node: NOT_IN_NODE,
});

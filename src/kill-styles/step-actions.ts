import { signalCgroup } from '../process-family/signal-cgroup.ts';
import type { NodeRuntimeName, PythonRuntimeName, RuntimeName, WorkByRuntime } from '../runtime/runtime.ts';
import {
  inEveryPythonRuntime,
  inPythonProcesses,
  type KillContext,
  NO_TERMINATE_IN_A_CHILD,
  type NotApplicable,
  type PythonCalls,
  SIGNALS_REACH_PROCESSES,
  THREADS_CANNOT_BE_TERMINATED,
} from './kill-style.ts';
import type { StopStep } from './stop-steps.ts';
import { killTree } from './tree-kill.ts';

/** Applies one step to the work. */
export type ApplyStep<Name extends NodeRuntimeName> = (work: WorkByRuntime[Name], context: KillContext) => void | Promise<unknown>;

/** What one step does in each runtime, or why it cannot there; and where an end that follows it is forced. */
export type StepAction = { readonly [Name in NodeRuntimeName]: ApplyStep<Name> | NotApplicable } & {
  readonly python: PythonCalls;
  /** The runtimes where the work cannot make an end like the one this step forces (SIGKILL, a worker's terminate()). */
  readonly forces: readonly RuntimeName[];
  /** What the step does, as --list says it. */
  readonly description: string;
};

export type ActingStep = Exclude<StopStep, { kind: 'wait' }>;

const PYTHON_PROCESSES: readonly PythonRuntimeName[] = ['py-process', 'py-process-spawn'];
/** A Python host has no family gate to vouch for the pids it would signal, so the steps that find them stay Node.js's. */
const NODE_HOST_ONLY = (step: string): PythonCalls => {
  const reason = {
    notApplicable: `${step} is applied by the Node.js host, through its family gate; in Python, sigkill or force (Process.kill()) is a child's forced stop`,
  };
  return { 'py-thread': reason, 'py-process': reason, 'py-process-spawn': reason };
};
const CGROUP_HOLDS_THE_HOST = {
  notApplicable: "a worker runs inside its host's process, which the host's cgroup holds too: a cgroup step would end the host (that is host-death)",
};

const ASK: StepAction = {
  thread: (work) => work.sendCommand('stop'),
  process: (work) => work.sendCommand('stop'),
  python: inEveryPythonRuntime('threading.Event.set()', 'multiprocessing.Event.set()'),
  forces: [],
  description: "the cooperative stop request: the workload's signal aborted (Node.js), the stop Event set (Python)",
};

const PYTHON_SIGNAL_CALLS = { SIGTERM: 'Process.terminate() (SIGTERM)', SIGINT: 'os.kill(pid, SIGINT)', SIGKILL: 'Process.kill() (SIGKILL)' } as const;

/** What each step that acts does, per runtime: the table planning reads for not-applicable cells, and the host for the calls. */
export function actionOf(step: ActingStep): StepAction {
  switch (step.kind) {
    case 'ask':
      return ASK;
    case 'signal':
      return {
        thread: SIGNALS_REACH_PROCESSES,
        process: (work) => work.sendSignal(step.signal),
        python: inPythonProcesses(PYTHON_SIGNAL_CALLS[step.signal]),
        forces: step.signal === 'SIGKILL' ? ['process', ...PYTHON_PROCESSES] : [],
        description: "the signal to the child, with its default disposition (Python's: Process.terminate(), os.kill(pid, SIGINT), Process.kill())",
      };
    case 'terminate':
      return {
        thread: (work) => work.forceStop(),
        process: NO_TERMINATE_IN_A_CHILD,
        python: { ...inPythonProcesses(PYTHON_SIGNAL_CALLS.SIGTERM), 'py-thread': THREADS_CANNOT_BE_TERMINATED },
        forces: ['thread'],
        description: 'worker.terminate() through tinypool; Process.terminate() (SIGTERM) a Python child',
      };
    case 'force':
      return {
        thread: (work) => work.forceStop(),
        process: (work) => work.forceStop(),
        python: { ...inPythonProcesses(PYTHON_SIGNAL_CALLS.SIGKILL), 'py-thread': THREADS_CANNOT_BE_TERMINATED },
        forces: ['thread', 'process', ...PYTHON_PROCESSES],
        description: "the runtime's own forced stop: terminate() a worker, SIGKILL a child (Process.kill() in Python)",
      };
    case 'tree-kill':
      return {
        thread: SIGNALS_REACH_PROCESSES,
        process: (work, { family }) => killTree(work.childPid, 'SIGKILL', family),
        python: NODE_HOST_ONLY('tree-kill'),
        forces: ['process'],
        description: 'SIGKILL to the child and its descendants, found by the tree-kill package, each pid checked by the family gate',
      };
    case 'cgroup':
      return {
        thread: CGROUP_HOLDS_THE_HOST,
        process: (_work, { family }) => void signalCgroup(family, step.signal),
        python: NODE_HOST_ONLY(step.name),
        forces: step.signal === 'SIGKILL' ? ['process'] : [],
        description:
          "the signal to every process of the host's cgroup but the host, read again until none is new (systemd's control-group kill); a wait after it lasts until the cgroup is empty",
      };
  }
}

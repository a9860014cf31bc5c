import type { ProcessFamily } from '../process-family/process-family.ts';
import type { NodeRuntimeName, PythonRuntimeName, RuntimeName, StartOptions, WorkByRuntime } from '../runtime/runtime.ts';
import { sequenceWaitMs, type StopStep } from './stop-steps.ts';

/** Why a kill style has no meaning in a runtime; the report shows it in place of a result. */
export interface NotApplicable {
  readonly notApplicable: string;
}

export interface KillContext {
  /** How long an escalating style waits for the cooperative stop before it forces. */
  readonly graceMs: number;
  /** The trial's processes as the host found them right before the kill: what a style that signals a tree may hit. */
  readonly family: ProcessFamily;
}

/**
 * The step after which the work was gone: its name (`abort`, `force`, `tree-kill`), its position from 1 in a sequence,
 * and whether it forces an end the work cannot make itself (SIGKILL, a worker's terminate()), so that an end without
 * that force's trace was the work's own.
 */
export interface EndingStep {
  readonly name: string;
  readonly step?: number;
  readonly forces: boolean;
}

/** Applies the kill; a style that can tell which of its steps ended the work resolves with it. */
export type ApplyKill<Name extends NodeRuntimeName> = (work: WorkByRuntime[Name], context: KillContext) => void | Promise<EndingStep | undefined>;

interface KillStyleBase {
  readonly name: string;
  readonly description: string;
  /** How the work must be started for this style (a deadline, a SIGTERM handler); defaults otherwise. */
  readonly start?: Partial<Pick<StartOptions, 'stopOnSigterm'>> & { readonly usesDeadline?: boolean };
  /** The style only asks the workload to stop and never forces: a workload that cannot see the request is out of its reach. */
  readonly onlyRequestsStop?: boolean;
  /** The fault is a command the workload's own code carries out (a throw, process.exit()) at its next check. */
  readonly injectedAsCommand?: boolean;
  /**
   * The style ends the work by a force it cannot handle: a worker terminated (tinypool rejects its task), a child
   * SIGKILLed. An end that shows otherwise (the task resolved, the child exited with a code) was the work's own, however
   * close to the kill it came. A sequence forces at some steps only: the step that ended the work says (EndingStep).
   */
  readonly forcesEnd?: boolean;
  /** A sequence's steps, run one after another (src/kill-styles/stop-sequence.ts); the Python host is sent them. */
  readonly steps?: readonly StopStep[];
  /** A preset: what a tool does to stop its work, with its defaults, and the source that says so. */
  readonly preset?: { readonly source: string };
}

/** The call a Python host makes to apply a style (python/isolation_harness/kill_styles.py carries it out), as --list and the report name it. */
export interface PythonCall {
  readonly python: string;
}

/** Per Python runtime, the call that applies a style there, or why it cannot. */
export type PythonCalls = { readonly [Name in PythonRuntimeName]: PythonCall | NotApplicable };

/**
 * A style the host applies to the work: per Node.js runtime, the one call that applies it, and per Python runtime the
 * call the Python host makes, or why it cannot.
 */
export type WorkKillStyle = KillStyleBase & { readonly kind: 'work' } & { readonly [Name in NodeRuntimeName]: ApplyKill<Name> | NotApplicable } & PythonCalls;

/** A style the harness applies to the host process itself, whatever runs inside it. */
export type HostKillStyle = KillStyleBase & { readonly kind: 'host' };

/**
 * A style that ends the host from inside: at the kill point the host tells the harness, then its interpreter exits
 * normally (Python's daemon threads and daemonic children meet the exit), and the stop lasts until the host is reaped.
 */
export type HostExitKillStyle = KillStyleBase & { readonly kind: 'host-exit' } & { readonly [Name in RuntimeName]: PythonCall | NotApplicable };

export type KillStyle = WorkKillStyle | HostKillStyle | HostExitKillStyle;

export function isNotApplicable(value: unknown): value is NotApplicable {
  return typeof value === 'object' && value !== null && 'notApplicable' in value;
}

/**
 * How long a trial of the style may take to end the work once its kill is applied: the stop timeout, after every wait
 * of a sequence (its tool's own, which a trial waits out as the tool would).
 */
export function stopAllowanceMs(style: KillStyle, timing: { readonly stopTimeoutMs: number; readonly graceMs: number }): number {
  return timing.stopTimeoutMs + (style.steps === undefined ? 0 : sequenceWaitMs(style.steps, timing.graceMs));
}

/** Why the style does not apply to the runtime, or null when it does. */
export function notApplicableReason(style: KillStyle, runtime: RuntimeName): string | null {
  if (style.kind === 'host') return null;
  const apply = style[runtime];
  return isNotApplicable(apply) ? apply.notApplicable : null;
}

export const SIGNALS_REACH_PROCESSES: NotApplicable = {
  notApplicable: 'a signal is delivered to the whole host process; Node.js has no way to signal one worker thread',
};

export const THREADS_CANNOT_BE_TERMINATED: NotApplicable = { notApplicable: 'a thread cannot be terminated: threading has no terminate() or kill()' };

export const NO_TERMINATE_IN_A_CHILD: NotApplicable = { notApplicable: 'a child process has no terminate(); its forced stop is sigkill' };

const SIGNALS_REACH_PYTHON_PROCESSES: NotApplicable = {
  notApplicable: 'a signal is delivered to the whole process, and Python runs signal handlers in the main thread only: one thread cannot be signalled',
};

/** A Node.js style with no counterpart in Python: `instead` names the style that plays its part there. */
export function noPythonCounterpart(instead: string): PythonCalls {
  const reason = { notApplicable: `a Node.js kill style; ${instead}` };
  return { 'py-thread': reason, 'py-process': reason, 'py-process-spawn': reason };
}

/** A style that reaches a Python child process only (a signal); a Python thread cannot be signalled alone. */
export function inPythonProcesses(call: string): PythonCalls {
  return { 'py-thread': SIGNALS_REACH_PYTHON_PROCESSES, 'py-process': { python: call }, 'py-process-spawn': { python: call } };
}

/** A style every Python runtime applies: one call in a thread, another (or the same) in a child process. */
export function inEveryPythonRuntime(thread: string, process: string = thread): PythonCalls {
  return { 'py-thread': { python: thread }, 'py-process': { python: process }, 'py-process-spawn': { python: process } };
}

/** The Node.js runtimes' entries of a Python style: none of them applies it. */
export const NOT_IN_NODE = {
  thread: { notApplicable: 'a Python kill style, applied by the Python host to Python work' },
  process: { notApplicable: 'a Python kill style, applied by the Python host to Python work' },
} as const satisfies Record<NodeRuntimeName, NotApplicable>;

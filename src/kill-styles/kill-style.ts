import type { ProcessFamily } from '../processes/process-family.ts';
import type { RuntimeName, StartOptions, WorkByRuntime } from '../runtime/runtime.ts';

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

/** Applies the kill; an escalating style resolves with the step that ended the work (`abort` or `force`). */
export type ApplyKill<Name extends RuntimeName> = (work: WorkByRuntime[Name], context: KillContext) => void | Promise<string>;

interface KillStyleBase {
  readonly name: string;
  readonly description: string;
  /** How the work must be started for this style (a deadline, a SIGTERM handler); defaults otherwise. */
  readonly start?: Partial<Pick<StartOptions, 'stopOnSigterm'>> & { readonly usesDeadline?: boolean };
  /** The style only asks the workload to stop and never forces: a workload that cannot see the request is out of its reach. */
  readonly onlyRequestsStop?: boolean;
  /** The fault is a command the workload's own code carries out (a throw, process.exit()) at its next check. */
  readonly injectedAsCommand?: boolean;
}

/** A style the host applies to the work: per runtime, the one call that applies it, or why it cannot. */
export type WorkKillStyle = KillStyleBase & { readonly kind: 'work' } & { readonly [Name in RuntimeName]: ApplyKill<Name> | NotApplicable };

/** A style the harness applies to the host process itself, whatever runs inside it. */
export type HostKillStyle = KillStyleBase & { readonly kind: 'host' };

export type KillStyle = WorkKillStyle | HostKillStyle;

export function isNotApplicable(value: unknown): value is NotApplicable {
  return typeof value === 'object' && value !== null && 'notApplicable' in value;
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

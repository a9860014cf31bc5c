import type { RuntimeName, WorkByRuntime } from '../runtime/runtime.ts';

/** Why a kill style has no meaning in a runtime; the report shows it in place of a result. */
export interface NotApplicable {
  readonly notApplicable: string;
}

export type ApplyKill<Name extends RuntimeName> = (work: WorkByRuntime[Name]) => void;

/** A way of stopping work: data plus, per runtime, the one call that applies it (or why it cannot). */
export type KillStyle = {
  readonly name: string;
  readonly description: string;
} & { readonly [Name in RuntimeName]: ApplyKill<Name> | NotApplicable };

export function isNotApplicable(value: unknown): value is NotApplicable {
  return typeof value === 'object' && value !== null && 'notApplicable' in value;
}

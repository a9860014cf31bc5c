import { type HeldBy, PARENT_AT_ONCE_MS, wentOnAtOnce } from '../record/parent-exit.ts';
import type { HungTrial, StoppedTrial } from '../record/trial-result.ts';
import { type SampleSummary, summarizeSamples } from '../statistics/summarize-samples.ts';

/** One kind of thing that held a cell's parent, named once, with how many trials it held. */
export interface ParentHolder {
  readonly kind: HeldBy['kind'];
  /** `stdout pipe, held by sleep`, `await subprocess`, `MessagePort`, `the work's thread in read()`. */
  readonly name: string;
  readonly trials: number;
}

/**
 * What a parent using the runtime the usual way lived through after the cell's stops (see src/record/parent-exit.ts),
 * over the trials whose parent was watched (a Node.js host's stopped, leaked and hung trials).
 */
export interface ParentSummary {
  readonly watched: number;
  /** Trials where it could go on within PARENT_AT_ONCE_MS of the work's end. */
  readonly wentOnAtOnce: number;
  /** Trials where it was still held as the watch ended, or as the stop timed out. */
  readonly stillHeld: number;
  /** How long past the work's end it was held, over the trials it was held (not "at once") and then went on. */
  readonly heldMs: SampleSummary | null;
  /** What held it, over every watched trial: the longest holders first. */
  readonly heldBy: readonly ParentHolder[];
  readonly atOnceMs: number;
}

/** The cell's parent figures; null when no trial's parent was watched (a Python host's, host-death's), never 0. */
export function summarizeParent(trials: readonly (StoppedTrial | HungTrial)[]): ParentSummary | null {
  const watched = trials.filter((trial) => trial.parentSettledMs !== undefined);
  if (watched.length === 0) return null;
  const late = watched.flatMap((trial) =>
    trial.parentSettledMs !== null && trial.parentSettledMs !== undefined && trial.stopMs !== null && wentOnAtOnce(trial) === false
      ? [trial.parentSettledMs - trial.stopMs]
      : [],
  );
  return {
    watched: watched.length,
    wentOnAtOnce: watched.filter((trial) => wentOnAtOnce(trial) === true).length,
    stillHeld: watched.filter((trial) => trial.parentSettledMs === null).length,
    heldMs: summarizeSamples(late),
    heldBy: countHolders(watched.map((trial) => trial.parentHeldBy ?? [])),
    atOnceMs: PARENT_AT_ONCE_MS,
  };
}

function countHolders(holdsByTrial: readonly (readonly HeldBy[])[]): ParentHolder[] {
  const counted = new Map<string, ParentHolder>();
  for (const holds of holdsByTrial) {
    for (const [name, hold] of new Map(holds.map((held) => [nameHolder(held), held]))) {
      counted.set(name, { kind: hold.kind, name, trials: (counted.get(name)?.trials ?? 0) + 1 });
    }
  }
  return [...counted.values()].sort((a, b) => b.trials - a.trials || HOLDER_ORDER.indexOf(a.kind) - HOLDER_ORDER.indexOf(b.kind));
}

/** Among holders of as many trials, the cause before its effects: who holds a pipe, then the handles and the unsettled call it keeps. */
const HOLDER_ORDER: readonly HeldBy['kind'][] = ['pipe', 'system-call', 'handle', 'promise'];

/** A holder as the report names it: one name for the same thing in every trial (no pids, no counts). */
function nameHolder(held: HeldBy): string {
  switch (held.kind) {
    case 'pipe':
      return `${held.channel} pipe, held by ${[...new Set(held.holders.map((holder) => holder.command))].join(', ')}`;
    case 'promise':
      return `${held.promise}, unsettled`;
    case 'handle':
      return held.resource;
    case 'system-call':
      return held.systemCall === null ? "the work's thread, still running" : `the work's thread, in ${held.systemCall}()`;
  }
}

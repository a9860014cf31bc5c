import { allWentAway } from '../probes/leftover-items.ts';
import type { StoppedTrial } from '../record/trial-result.ts';

/**
 * How long what a cell's stops left lived, over its leaked trials: watched while a process of the trial still lived
 * (--linger), a trial's leftovers either all went away by themselves (a lingering service child) or some stayed
 * until the harness removed them (a daemon). A leaked trial not watched left nothing alive to change what it left.
 */
export interface LifetimeSummary {
  /** Leaked trials whose leftovers were watched. */
  readonly watched: number;
  /** Watched trials whose every leftover went away by itself. */
  readonly wentAway: number;
  /** The longest any of those took, from the kill request; null when none went away. */
  readonly longestGoneMs: number | null;
  /** Leaked trials with something that stayed: watched and still there at the watch's end, or left with nothing alive to remove it. */
  readonly stayed: number;
  /** How long the longest watch lasted, from the kill request; null when none was watched. */
  readonly longestWatchMs: number | null;
}

export function summarizeLifetimes(ended: readonly StoppedTrial[]): LifetimeSummary {
  const leaked = ended.filter((trial) => trial.outcome === 'leaked');
  const watched = leaked.filter((trial) => trial.lifetimes !== undefined);
  const gone = watched.filter((trial) => allWentAway(trial.lifetimes ?? []));
  const goneTimes = gone.flatMap((trial) => (trial.lifetimes ?? []).flatMap((lifetime) => lifetime.goneAfterMs ?? []));
  const watches = watched.flatMap((trial) => trial.watchedMs ?? []);
  return {
    watched: watched.length,
    wentAway: gone.length,
    longestGoneMs: goneTimes.length === 0 ? null : Math.max(...goneTimes),
    stayed: leaked.length - gone.length,
    longestWatchMs: watches.length === 0 ? null : Math.max(...watches),
  };
}

/** A cell whose every leaked trial left only what went away by itself: lingering leftovers, not permanent ones. */
export function onlyLingered(lifetimes: LifetimeSummary, leaked: number): boolean {
  return leaked > 0 && lifetimes.wentAway === leaked;
}

import type { Leftovers } from '../probes/probes.ts';

// Stop times on a noisy 2-core CI machine vary several-fold from run to run: the same 18 ms stop took 96 ms in a
// full test run. A stop regresses only when it is slower than both bounds; a stop that turned into a forced one
// (a grace period of a second) or a hang is still caught.
export const STOP_SLOWDOWN_FACTOR = 3;
export const STOP_SLOWDOWN_MARGIN_MS = 250;

// A thread's host RSS can cross the memory probe's threshold by chance between two runs of the same code (a
// worker's heap goes back to the OS lazily): a new memory leftover would fail CI at random, so only its measurement counts.
export const NOISY_PROBES: readonly (keyof Leftovers)[] = ['memory'];

/** A stop time as a check prints it. */
export function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

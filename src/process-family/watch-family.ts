import { scanFamilyTree } from './scan-family.ts';
import type { ProcessFamily } from './process-family.ts';

/**
 * How often the family's tree is read between full scans. A process started and re-parented within one interval,
 * having also dropped the marker and left the trial's groups and sessions, is the one case no scan sees.
 */
export const FAMILY_WATCH_INTERVAL_MS = 5;

/** Reads the family's tree every interval until stopped; a timer that does not keep the process alive. */
export function watchFamily(family: ProcessFamily, intervalMs = FAMILY_WATCH_INTERVAL_MS): { stop(): void } {
  const timer = setInterval(() => scanFamilyTree(family), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

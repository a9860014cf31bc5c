import { scanFamilyTree } from './scan-family.ts';
import type { ProcessFamily } from './process-family.ts';

/**
 * How often the family's tree is read between full scans, where its roots are not its subreapers. A process started
 * and re-parented within one interval, having also dropped the marker and left the trial's groups and sessions, is
 * then the one case no scan sees. Where they are, an orphan is re-parented to a root and nothing needs watching.
 */
export const FAMILY_WATCH_INTERVAL_MS = 5;

/** Reads the family's tree every interval until stopped; a timer that does not keep the process alive. */
export function watchFamily(family: ProcessFamily, intervalMs = FAMILY_WATCH_INTERVAL_MS): { stop(): void } {
  const timer = setInterval(() => {
    if (!family.isContained()) scanFamilyTree(family);
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

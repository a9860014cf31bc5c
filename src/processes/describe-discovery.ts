import type { ProcessDiscovery } from '../run/run-record.ts';
import { describeContainment } from './containment.ts';
import { FAMILY_WATCH_INTERVAL_MS } from './watch-family.ts';

/** How the trials' processes are found on this machine, as the run record keeps it. */
export function describeProcessDiscovery(): ProcessDiscovery {
  const { available, description } = describeContainment();
  const portable = `ancestry (a full scan at every snapshot and right before the kill, the tree read every ${FAMILY_WATCH_INTERVAL_MS} ms), marker, and the host's session and groups`;
  return {
    cgroup: available,
    description: available ? `${description}; and ${portable}` : `${portable}; no cgroup: ${description}`,
    watchIntervalMs: FAMILY_WATCH_INTERVAL_MS,
  };
}

import { describeContainment } from './containment.ts';
import { FAMILY_WATCH_INTERVAL_MS } from './watch-family.ts';

/** How the trials' processes were found on a machine, as results.json records it. */
export interface ProcessDiscovery {
  /** Whether every host had a cgroup of its own, which no process can leave without the right to write another. */
  readonly cgroup: boolean;
  readonly description: string;
  /** How often a trial's process tree was read between full scans. */
  readonly watchIntervalMs: number;
}

/** How the trials' processes are found on this machine, as the run record keeps it. */
export function describeProcessDiscovery(): ProcessDiscovery {
  const { available, description } = describeContainment();
  const portable = `ancestry (a full scan at every snapshot; the tree read right before the kill and every ${FAMILY_WATCH_INTERVAL_MS} ms in between), marker, and the host's session and groups`;
  return {
    cgroup: available,
    description: available ? `${description}; and ${portable}` : `${portable}; no cgroup: ${description}`,
    watchIntervalMs: FAMILY_WATCH_INTERVAL_MS,
  };
}

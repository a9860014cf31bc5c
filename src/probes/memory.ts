import { type ProcessMemory, readProcessMemory, readResidentBytes } from '../proc/process-memory.ts';
import type { Leftover, Probe } from './probe.ts';

/**
 * Growth of the host's RSS beyond this much counts as memory left behind. RSS is noisy: measured on this machine,
 * a host whose thread ran a built-in workload keeps 1.9–4.8 MiB more after a clean stop (malloc arenas of the dead
 * isolate; better-sqlite3's native library, which stays mapped), and 11–18 MiB when the workload was TypeScript
 * loaded through tsx in the worker; a host whose child was killed keeps 0.7–1.1 MiB. Over three times the largest
 * of those is not noise, and still far below what memory-hog holds (~290 MiB); the raw numbers are reported
 * either way.
 */
export const MEMORY_GROWTH_THRESHOLD_BYTES = 64 * 1024 * 1024;

export interface MemoryLeftovers extends Leftover {
  /** 1 when the host's RSS after the stop exceeds its RSS before by more than `thresholdBytes`, else 0. */
  readonly total: 0 | 1;
  readonly beforeBytes: number;
  /** The host's RSS when the workload called ready(); null when it never did or could not be read then. */
  readonly atReadyBytes: number | null;
  readonly afterBytes: number;
  /** after − before; negative when the host gave memory back. */
  readonly grownBytes: number;
  /** at ready − before: what the workload held in the host (a thread's memory; a child's is its own); null with `atReadyBytes`. */
  readonly heldAtReadyBytes: number | null;
  readonly thresholdBytes: number;
}

/** The host's resident set size (VmRSS) at each moment: what a stopped thread leaves in its host's memory. */
export const memoryProbe: Probe<number, MemoryLeftovers> = {
  name: 'memory',
  snapshot: (target) => readResidentBytes(target.hostPid),
  diff(before, after, atReady) {
    const grownBytes = after - before;
    return {
      total: grownBytes > MEMORY_GROWTH_THRESHOLD_BYTES ? 1 : 0,
      beforeBytes: before,
      atReadyBytes: atReady,
      afterBytes: after,
      grownBytes,
      heldAtReadyBytes: atReady === null ? null : atReady - before,
      thresholdBytes: MEMORY_GROWTH_THRESHOLD_BYTES,
    };
  },
};

const NO_CHILD: ProcessMemory = { rssBytes: 0, pssBytes: 0, ussBytes: 0 };

/**
 * Memory the work added at ready(), as RSS, PSS and USS: the host's growth in each since before the start (all of a
 * thread's memory is the host's), plus a child's own; null when any of them could not be read. The host's readings
 * come from readProcessMemory at the before and at-ready snapshots, not from this probe's snapshot, which the
 * release window repeats every few milliseconds and which must stay a cheap read of VmRSS.
 */
export function measureWorkMemory(hostBefore: ProcessMemory | null, hostAtReady: ProcessMemory | null, childPid: number | null): ProcessMemory | null {
  if (hostBefore === null || hostAtReady === null) return null;
  const child = childPid === null ? NO_CHILD : readProcessMemory(childPid);
  if (child === null) return null;
  return {
    rssBytes: hostAtReady.rssBytes - hostBefore.rssBytes + child.rssBytes,
    pssBytes: hostAtReady.pssBytes - hostBefore.pssBytes + child.pssBytes,
    ussBytes: hostAtReady.ussBytes - hostBefore.ussBytes + child.ussBytes,
  };
}

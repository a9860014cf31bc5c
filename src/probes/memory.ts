import { type ProcessMemory, readProcessMemory, readResidentBytes } from '../linux-proc/process-memory.ts';
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

/**
 * Memory the work added at ready(), as RSS, PSS and USS. In the host, all of it is the host's growth in VmRSS since
 * before the start, read from this probe's snapshots: what a worker adds (its isolate, its heap, a native library it
 * loads) is mapped by no other process, so its share of the host's PSS and USS grows by the same amount, and no
 * slow read of smaps_rollup is needed there. A child's own memory is read from its smaps_rollup once, at ready():
 * its RSS counts the Node.js binary it shares with its host, its PSS a share of it, its USS none. null when a
 * reading failed.
 */
export function measureWorkMemory(hostBefore: number | null, hostAtReady: number | null, childPid: number | null): ProcessMemory | null {
  if (hostBefore === null || hostAtReady === null) return null;
  const grown = hostAtReady - hostBefore;
  const child = childPid === null ? { rssBytes: 0, pssBytes: 0, ussBytes: 0 } : readProcessMemory(childPid);
  if (child === null) return null;
  return { rssBytes: grown + child.rssBytes, pssBytes: grown + child.pssBytes, ussBytes: grown + child.ussBytes };
}

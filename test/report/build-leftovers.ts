import type { FdKind, FdLeftovers } from '../../src/probes/fds.ts';
import { PROPER_LOCKFILE_STALE_MS } from '../../src/probes/lock-directories.ts';
import type { LockLeftovers } from '../../src/probes/locks.ts';
import { MEMORY_GROWTH_THRESHOLD_BYTES, type MemoryLeftovers } from '../../src/probes/memory.ts';
import type { Leftovers } from '../../src/probes/probes.ts';
import type { ProcessLeftovers, Survivor } from '../../src/probes/processes.ts';
import type { ListenedPort, SocketLeftovers } from '../../src/probes/sockets.ts';
import type { OutsideFile } from '../../src/probes/outside-files.ts';
import type { TempFileLeftovers } from '../../src/probes/temp-files.ts';

// What each probe found, built by hand: by default every probe measured and found nothing.

export function buildFds(byKind: Partial<Record<FdKind, number>> = {}): FdLeftovers {
  const full = { file: 0, socket: 0, pipe: 0, other: 0, ...byKind };
  const descriptors = Object.entries(full).flatMap(([kind, count]) => Array.from({ length: count }, (_, index) => `host ${index} -> ${kind}`));
  return { total: descriptors.length, byKind: full, descriptors };
}

/** Files left in the trial directory, and outside it (each with how the harness tied it to the trial). */
export function buildTempFiles(paths: string[] = [], outside: OutsideFile[] = []): TempFileLeftovers {
  return { total: paths.length + outside.length, paths, outside, unattributed: [], unattributedCount: 0 };
}

/**
 * The first `orphaned` survivors were re-parented to init, found by the trial's marker alone; the rest still have
 * a parent in the trial, so their ancestry ties them to it too.
 */
export function buildProcesses(survivors = 0, zombies = 0, orphaned = survivors): ProcessLeftovers {
  const list = Array.from({ length: survivors }, (_, index): Survivor => ({
    pid: 1000 + index,
    command: 'sleep 60',
    parentPid: index < orphaned ? 1 : 999,
    orphaned: index < orphaned,
    foundBy: index < orphaned ? ['marker'] : ['ancestry', 'marker'],
  }));
  return { total: list.length, survivors: list, zombies };
}

export const MEBIBYTE = 1024 ** 2;

/** The host's RSS grew by `grownBytes` from a 50 MiB start; `heldAtReadyBytes` is what it held while the work ran. */
export function buildMemory(grownBytes: number, heldAtReadyBytes: number | null = 2 * MEBIBYTE): MemoryLeftovers {
  const beforeBytes = 50 * MEBIBYTE;
  return {
    total: grownBytes > MEMORY_GROWTH_THRESHOLD_BYTES ? 1 : 0,
    beforeBytes,
    atReadyBytes: heldAtReadyBytes === null ? null : beforeBytes + heldAtReadyBytes,
    afterBytes: beforeBytes + grownBytes,
    grownBytes,
    heldAtReadyBytes,
    thresholdBytes: MEMORY_GROWTH_THRESHOLD_BYTES,
  };
}

/** A port the trial listened on: still held by a process of the trial, or released and (not) rebindable. */
export function buildPort(port: number, state: 'released' | 'held' | 'blocked' = 'released'): ListenedPort {
  return { address: '127.0.0.1', port, heldBy: state === 'held' ? [4242] : [], rebindable: state === 'released' };
}

export function buildSockets(ports: ListenedPort[] = [], connections = 0): SocketLeftovers {
  const portsLeft = ports.filter((port) => port.heldBy.length > 0 || port.rebindable === false).length;
  return { total: portsLeft + connections, ports, connections, connectionsAtReady: connections };
}

/** `osLocks` flock locks still held, and lock folders of the given ages (ms since their holder refreshed them). */
export function buildLocks(osLocks = 0, lockDirectoryAges: number[] = []): LockLeftovers {
  const locks = Array.from({ length: osLocks }, (_, index) => ({
    type: 'FLOCK',
    access: 'WRITE',
    pid: 4242,
    file: `fe:00:${index}`,
    range: '0-EOF',
    path: `file-${index}`,
  }));
  const lockDirectories = lockDirectoryAges.map((ageMs, index) => ({
    path: `resource-${index}.lock`,
    ageMs,
    stale: ageMs > PROPER_LOCKFILE_STALE_MS,
    msUntilStale: Math.max(0, PROPER_LOCKFILE_STALE_MS - ageMs),
  }));
  return { total: locks.length + lockDirectories.length, osLocks: locks, heldAtReady: locks, lockDirectories };
}

export function buildLeftovers(overrides: Partial<Leftovers> = {}): Leftovers {
  return {
    fds: buildFds(),
    tempFiles: buildTempFiles(),
    processes: buildProcesses(),
    memory: buildMemory(MEBIBYTE),
    sockets: buildSockets(),
    locks: buildLocks(),
    ...overrides,
  };
}

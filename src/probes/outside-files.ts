import { lstatSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type DescriptorTable, readDescriptorTable } from '../linux-proc/descriptor-table.ts';
import { readUnixSockets } from '../linux-proc/unix-sockets.ts';
import { TEMP_PREFIX } from '../marker/marker.ts';
import { readsOf, trialPidsOf } from './moment-reads.ts';
import type { ProbeTarget } from './probe.ts';
import type { TrialWindow } from './trial-window.ts';

/** Where programs put files by fixed path: the system temp directory (as the harness sees it, and /tmp) and /dev/shm. */
const SHARED_TEMP_LOCATIONS = ['/tmp', '/dev/shm'];
/** Entries of the harness itself: its run folders, and the cache of tsx, the loader it uses for TypeScript workloads. */
const OWN_ENTRY = new RegExp(`^(${TEMP_PREFIX}|tsx-)`);
/** Descriptors of these kinds are not files a stop can leave on disk; /dev/shm is the exception under /dev. */
const NOT_ON_DISK = /^\/(proc|sys)\/|^\/dev\/(?!shm\/)| \(deleted\)$/;

/** A file or folder outside the trial directory, how the harness tied it to the trial, or that it could not. */
export interface OutsideFile {
  readonly path: string;
  /** `held-open`: a process of the trial had it open, or served the Unix socket bound to it, at a snapshot, the kill or the end. */
  readonly attributedBy: 'held-open';
  /** Its birth time (epoch ms): after the trial, the harness removes it only if that is still the file at the path. */
  readonly birthMs: number;
}

/**
 * Removes what the trial surely left outside its directory, once it was measured: a file born during the trial that
 * a process of the trial held open, if it is still that file (the same birth time) and no trial still running saw it
 * too. An unattributed file may be another program's: it is never removed.
 */
export function removeOutsideFiles(files: readonly OutsideFile[], window: TrialWindow): void {
  for (const file of files) {
    // Two trials of one workload may hold the same fixed path: the one still running has yet to measure it.
    if (readBirthMs(file.path) !== file.birthMs || window.claimedByOtherRunning(file.path)) continue;
    try {
      rmSync(file.path, { force: true });
    } catch {
      // Not ours to force (another user's in a sticky /tmp, say): it stays, as the result says it was left.
    }
  }
}

/** Regular files outside the trial directory that a living process of the trial holds open now (a worker's are its host's). */
export function readHeldOutsideFiles(target: ProbeTarget): string[] {
  const reads = readsOf(target);
  return findHeldOutsideFiles(trialPidsOf(target), target.workDir, (pid) => reads.descriptorTable(pid));
}

/**
 * The same, for any processes and descriptor reader: the host uses it right before the kill. A Unix socket a
 * process of the trial serves counts as holding its socket file, which a stop leaves on disk unless it is unlinked.
 */
export function findHeldOutsideFiles(
  pids: Iterable<number>,
  workDir: string,
  readTable: (pid: number) => DescriptorTable | null = readDescriptorTable,
): string[] {
  const trialRoot = `${dirname(workDir)}/`;
  const links = [...pids].flatMap((pid) => [...(readTable(pid)?.values() ?? [])]);
  const files = links.filter((link) => link.startsWith('/') && !NOT_ON_DISK.test(link) && isRegularFile(link));
  const served = boundSocketPaths(links);
  return [...new Set([...files, ...served])].filter((path) => !path.startsWith(trialRoot));
}

/** The paths of the Unix sockets among the links that are bound to one; read only when a socket is among them. */
function boundSocketPaths(links: readonly string[]): string[] {
  const inodes = links.flatMap((link) => /^socket:\[(\d+)\]$/.exec(link)?.[1] ?? []).map(Number);
  if (inodes.length === 0) return [];
  const sockets = readUnixSockets() ?? new Map<number, string | null>();
  return inodes.flatMap((inode) => sockets.get(inode) ?? []).filter((path) => readEntry(path) !== null);
}

/** The top-level entries of the shared temp locations, by absolute path; the harness's own are left out. */
export function listSharedTempEntries(): Set<string> {
  const entries = new Set<string>();
  for (const location of sharedTempLocations()) {
    for (const name of listOrEmpty(location)) if (!OWN_ENTRY.test(name)) entries.add(join(location, name));
  }
  return entries;
}

/** When a file or folder was born (statx), or null when it is gone. */
export function readBirthMs(path: string): number | null {
  return readEntry(path)?.birthMs ?? null;
}

/** A file or folder's birth time (statx), whether it is a folder (a link is not followed) and its owner; null when it is gone. */
export function readEntry(path: string): { birthMs: number; isDirectory: boolean; ownerUid: number } | null {
  try {
    const stats = lstatSync(path);
    return { birthMs: stats.birthtimeMs, isDirectory: stats.isDirectory(), ownerUid: stats.uid };
  } catch {
    return null;
  }
}

function sharedTempLocations(): string[] {
  return [...new Set([tmpdir(), ...SHARED_TEMP_LOCATIONS].flatMap(realpathOrNone))];
}

function realpathOrNone(path: string): string[] {
  try {
    return [realpathSync(path)];
  } catch {
    return [];
  }
}

function listOrEmpty(directory: string): string[] {
  try {
    return readdirSync(directory);
  } catch {
    return [];
  }
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

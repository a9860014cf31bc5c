import { join } from 'node:path';
import { describeLockDirectory, type LockDirectory, type LockDirectoryStamp, stampLockDirectories } from './lock-directories.ts';
import { lockKeyOf, type OsLock, readOsLocks } from '../linux-proc/os-locks.ts';
import type { Leftover, Probe, ProbeTarget } from './probe.ts';
import { readProcessStat } from '../linux-proc/process-stat.ts';
import { trialPidsOf } from './moment-reads.ts';
import { listWorkDir, type WorkDirEntry } from './work-dir-entries.ts';

/** An OS lock of the trial: placed by one of its processes, or on a file in its work directory or one it held open. */
export interface TrialLock extends OsLock {
  /** The locked file, relative to the work directory or absolute outside it; null when no process of the trial was seen holding it. */
  readonly path: string | null;
}

export interface LockLeftovers extends Leftover {
  /** OS locks placed during the trial and still held after the stop. */
  readonly osLocks: TrialLock[];
  /** OS locks placed during the trial and held when the workload called ready(); null without an at-ready snapshot. */
  readonly heldAtReady: TrialLock[] | null;
  /** proper-lockfile lock folders created during the trial and left in its work directory. */
  readonly lockDirectories: LockDirectory[];
}

export interface LockSnapshot {
  /** Date.now() when taken, to age the lock folders. */
  readonly takenAt: number;
  readonly osLocks: TrialLock[];
  readonly lockDirectories: LockDirectoryStamp[];
}

/** OS advisory locks and proper-lockfile folders the trial left: each one blocks whoever wants that file next. */
export const locksProbe: Probe<LockSnapshot, LockLeftovers> = {
  name: 'locks',
  snapshot(target) {
    const locks = readOsLocks();
    const entries = listWorkDir(target.workDir);
    if (locks === null || entries === null) return null;
    const takenAt = Date.now();
    return { takenAt, osLocks: selectTrialLocks(locks, target, entries), lockDirectories: stampLockDirectories(target.workDir, entries) };
  },
  diff(before, after, atReady) {
    const existingLocks = new Set(before.osLocks.map(identify));
    const placedSince = (locks: readonly TrialLock[]) => locks.filter((lock) => !existingLocks.has(identify(lock)));
    const existingFolders = new Set(before.lockDirectories.map((folder) => folder.path));
    const osLocks = placedSince(after.osLocks);
    const lockDirectories = after.lockDirectories
      .filter((folder) => !existingFolders.has(folder.path))
      .map((folder) => describeLockDirectory(folder, after.takenAt));
    return {
      total: osLocks.length + lockDirectories.length,
      osLocks,
      heldAtReady: atReady === null ? null : placedSince(atReady.osLocks),
      lockDirectories,
    };
  },
};

/**
 * By pid: placed by a living process of the trial, or by one that has exited while another holds the file (its pid
 * not since reused); by device and inode: on a file of the work directory, or on one a process of the trial held open.
 */
function selectTrialLocks(locks: readonly OsLock[], target: ProbeTarget, entries: readonly WorkDirEntry[]): TrialLock[] {
  const pathsByKey = new Map<string, string>();
  const paths = [
    ...entries.map((entry) => ({ full: join(target.workDir, entry.path), shown: entry.path })),
    ...[...target.heldFiles].map((full) => ({ full, shown: full })),
  ];
  for (const { full, shown } of paths) {
    const key = lockKeyOf(full);
    if (key !== null) pathsByKey.set(key, shown);
  }
  const trialPids = trialPidsOf(target);
  for (const member of target.family.members()) if (readProcessStat(member.pid) === null) trialPids.add(member.pid);
  return locks.filter((lock) => trialPids.has(lock.pid) || pathsByKey.has(lock.file)).map((lock) => ({ ...lock, path: pathsByKey.get(lock.file) ?? null }));
}

function identify(lock: OsLock): string {
  return `${lock.type} ${lock.access} ${lock.pid} ${lock.file} ${lock.range}`;
}

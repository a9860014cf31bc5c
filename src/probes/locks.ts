import { join } from 'node:path';
import { describeLockDirectory, type LockDirectory, type LockDirectoryStamp, stampLockDirectories } from './lock-directories.ts';
import { lockKeyOf, type OsLock, readOsLocks } from './os-locks.ts';
import type { Leftover, Probe, ProbeTarget } from './probe.ts';
import { findTrialPids } from './trial-pids.ts';
import { listWorkDir, type WorkDirEntry } from './work-dir-entries.ts';

/** An OS lock of the trial: placed by one of its processes, or on a file in its work directory. */
export interface TrialLock extends OsLock {
  /** The locked file relative to the work directory; null for a file elsewhere. */
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

interface LockSnapshot {
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

/** By pid for locks whose placer is alive; by device and inode for those whose placer has exited (see PLATFORM.md). */
function selectTrialLocks(locks: readonly OsLock[], target: ProbeTarget, entries: readonly WorkDirEntry[]): TrialLock[] {
  const pathsByKey = new Map<string, string>();
  for (const entry of entries) {
    const key = lockKeyOf(join(target.workDir, entry.path));
    if (key !== null) pathsByKey.set(key, entry.path);
  }
  const trialPids = findTrialPids(target);
  return locks
    .filter((lock) => trialPids.has(lock.pid) || pathsByKey.has(lock.file))
    .map((lock) => ({ ...lock, path: pathsByKey.get(lock.file) ?? null }));
}

function identify(lock: OsLock): string {
  return `${lock.type} ${lock.access} ${lock.pid} ${lock.file} ${lock.range}`;
}

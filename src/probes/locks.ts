import { join } from 'node:path';
import { describeLockDirectory, type LockDirectory, type LockDirectoryStamp, stampLockDirectories } from './lock-directories.ts';
import { lockKeyOf, type OsLock, readHeldLocks } from '../linux-proc/os-locks.ts';
import type { Leftover, Probe, ProbeTarget } from './probe.ts';
import { readsOf, trialPidsOf } from './moment-reads.ts';
import { listEngineOwnLockKeys } from './engine-own-files.ts';
import { listWorkDir, type WorkDirEntry } from './work-dir-entries.ts';

/** An OS lock of the trial: on a file one of its living processes holds open, whoever placed it. */
export interface TrialLock extends OsLock {
  /** The locked file, relative to the work directory or absolute outside it (as a process of the trial holds it); null in older records. */
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
    const entries = listWorkDir(target.workDir);
    if (entries === null) return null;
    const locks = readTrialProcessLocks(target);
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
 * The locks on files the trial's living processes hold open (the host's own, from before, are compared away). A
 * process that is gone holds none: the kernel released its locks with its descriptors.
 */
function readTrialProcessLocks(target: ProbeTarget): Array<OsLock & { readonly heldAt: string }> {
  const reads = readsOf(target);
  return [...trialPidsOf(target)].flatMap((pid) => {
    const table = reads.descriptorTable(pid);
    return table === null ? [] : readHeldLocks(pid, table);
  });
}

/**
 * Each lock once (the processes sharing a locked file description all show it), named by its file: relative to the
 * work directory when it is in it, else by the path a process of the trial holds it at.
 */
function selectTrialLocks(locks: ReadonlyArray<OsLock & { readonly heldAt: string }>, target: ProbeTarget, entries: readonly WorkDirEntry[]): TrialLock[] {
  if (locks.length === 0) return [];
  const inWorkDir = new Map<string, string>();
  for (const entry of entries) {
    const key = lockKeyOf(join(target.workDir, entry.path));
    if (key !== null) inWorkDir.set(key, entry.path);
  }
  // An engine's own cache files (Deno's) are locked by every process of that engine while it loads modules: not the work's.
  const engineOwn = listEngineOwnLockKeys();
  const unique = new Map(locks.filter((lock) => !engineOwn.has(lock.file)).map((lock) => [identify(lock), lock]));
  return [...unique.values()].map(({ heldAt, ...lock }) => ({ ...lock, path: inWorkDir.get(lock.file) ?? heldAt }));
}

function identify(lock: OsLock): string {
  return `${lock.type} ${lock.access} ${lock.pid} ${lock.file} ${lock.range}`;
}

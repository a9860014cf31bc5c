import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkDirEntry } from './work-dir-entries.ts';

/**
 * proper-lockfile's default `stale` (lib/lockfile.js): another process may take over a lock whose mtime is older
 * than this. A living holder refreshes the mtime every stale/2 ms; a stopped one does not.
 */
export const PROPER_LOCKFILE_STALE_MS = 10_000;

/** A `<file>.lock` folder, proper-lockfile's lock, when a snapshot saw it. */
export interface LockDirectoryStamp {
  readonly path: string;
  readonly mtimeMs: number;
}

/** A lock folder left behind, and how long it still blocks anyone who wants the file. */
export interface LockDirectory {
  readonly path: string;
  /**
   * How long since its holder last refreshed it, when the after snapshot was taken. Up to 1 s below 0 for a young
   * lock: proper-lockfile first writes an mtime rounded up to the next second (lib/mtime-precision.js).
   */
  readonly ageMs: number;
  /** True when proper-lockfile would already take it over (its mtime is older than the stale time). */
  readonly stale: boolean;
  /** How long until it turns stale: 0 once it has. */
  readonly msUntilStale: number;
}

/** The `*.lock` folders among the work directory's entries; one that vanishes while it is read is not there. */
export function stampLockDirectories(workDir: string, entries: readonly WorkDirEntry[]): LockDirectoryStamp[] {
  return entries
    .filter((entry) => entry.isDirectory && entry.path.endsWith('.lock'))
    .flatMap((entry) => {
      try {
        return [{ path: entry.path, mtimeMs: statSync(join(workDir, entry.path)).mtimeMs }];
      } catch {
        return [];
      }
    });
}

/** Mirrors proper-lockfile's own test, `mtime < now - stale`. */
export function describeLockDirectory({ path, mtimeMs }: LockDirectoryStamp, now: number): LockDirectory {
  const ageMs = now - mtimeMs;
  return { path, ageMs, stale: ageMs > PROPER_LOCKFILE_STALE_MS, msUntilStale: Math.max(0, PROPER_LOCKFILE_STALE_MS - ageMs) };
}

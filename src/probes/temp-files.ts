import { listSharedTempEntries, type OutsideFile, readBirthMs, readHeldOutsideFiles } from './outside-files.ts';
import type { Leftover, Probe } from './probe.ts';
import type { TrialWindow } from './trial-window.ts';
import { listWorkDir } from './work-dir-entries.ts';

export interface TempFileLeftovers extends Leftover {
  /** Paths relative to the trial directory; folders end with a slash. */
  readonly paths: string[];
  /** Files outside the trial directory, born during the trial and still there, that a process of the trial was seen holding open. */
  readonly outside: OutsideFile[];
  /**
   * New entries of the shared temp locations born while the trial's work ran that nothing ties to it (no process of
   * the trial was seen holding them): another program's, or created and closed by the trial before any look. Listed
   * (the first LISTED_UNATTRIBUTED), never counted: a blind spot.
   */
  readonly unattributed: string[];
  /** How many there were: a busy machine's other programs can make many. */
  readonly unattributedCount: number;
}

export interface TempFileSnapshot {
  readonly workDir: Set<string>;
  /** Every outside file a process of the trial was seen holding open, up to this snapshot. */
  readonly held: Set<string>;
  readonly shared: Set<string>;
  readonly window: TrialWindow;
}

/** At most this many unattributed entries are listed per trial; the count says how many there were. */
const LISTED_UNATTRIBUTED = 20;

/**
 * Files and folders left in the trial's private directory (the TMPDIR of every process of the trial), and files
 * outside it that the trial created and left, on evidence: a process of the trial held them open (or served the
 * Unix socket bound to them) at a snapshot, at the kill or at the end.
 */
export const tempFilesProbe: Probe<TempFileSnapshot, TempFileLeftovers> = {
  name: 'temp-files',
  snapshot(target) {
    const entries = listWorkDir(target.workDir);
    if (entries === null) return null;
    for (const path of readHeldOutsideFiles(target)) target.heldFiles.add(path);
    for (const path of target.heldFiles) target.window.claim(path);
    return {
      workDir: new Set(entries.map((entry) => (entry.isDirectory ? `${entry.path}/` : entry.path))),
      held: new Set(target.heldFiles),
      shared: listSharedTempEntries(),
      window: target.window,
    };
  },
  diff(before, after) {
    const paths = [...after.workDir].filter((path) => !before.workDir.has(path)).sort();
    const bornInTrial = (path: string) => {
      const birthMs = readBirthMs(path);
      return birthMs !== null && birthMs >= after.window.openedAtMs ? birthMs : null;
    };
    const outside: OutsideFile[] = [];
    for (const path of [...after.held].filter((entry) => !before.held.has(entry))) {
      const birthMs = bornInTrial(path);
      if (birthMs !== null) outside.push({ path, attributedBy: 'held-open', birthMs });
    }
    // A new entry of a shared temp location that no process of the trial was seen holding may be anyone's: another
    // program's, or one the trial created and closed at once. Its birth during the trial is no evidence: listed, never counted.
    const unattributed = [...after.shared].filter((path) => {
      if (before.shared.has(path) || after.held.has(path) || after.window.claimedByOther(path)) return false;
      const birthMs = readBirthMs(path);
      return birthMs !== null && after.window.ranAt(birthMs);
    });
    outside.sort((first, second) => first.path.localeCompare(second.path));
    unattributed.sort();
    return {
      total: paths.length + outside.length,
      paths,
      outside,
      unattributed: unattributed.slice(0, LISTED_UNATTRIBUTED),
      unattributedCount: unattributed.length,
    };
  },
};

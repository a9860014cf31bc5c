import { listSharedTempEntries, type OutsideFile, readBirthMs, readEntry, readHeldOutsideFiles } from './outside-files.ts';
import type { Leftover, Probe } from './probe.ts';
import type { TrialWindow } from './trial-window.ts';
import { listWorkDir } from './work-dir-entries.ts';

export interface TempFileLeftovers extends Leftover {
  /** Paths relative to the trial directory; folders end with a slash. */
  readonly paths: string[];
  /** Files outside the trial directory, born during the trial and still there, each with how it was tied to the trial. */
  readonly outside: OutsideFile[];
  /**
   * New entries of the shared temp locations born during the trial that nothing ties to it: no process of the trial
   * was seen holding them, and they are folders, or another trial's work ran when they were born. Listed, not
   * counted: a blind spot.
   */
  readonly unattributed: string[];
}

export interface TempFileSnapshot {
  readonly workDir: Set<string>;
  /** Every outside file a process of the trial was seen holding open, up to this snapshot. */
  readonly held: Set<string>;
  readonly shared: Set<string>;
  readonly window: TrialWindow;
}

/**
 * Files and folders left in the trial's private directory (the TMPDIR of every process of the trial), and files
 * outside it that the trial created and left: ones its processes held open anywhere, and new entries of the shared
 * temp locations born while it ran alone.
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
    const unattributed: string[] = [];
    for (const path of [...after.shared].filter((entry) => !before.shared.has(entry) && !after.held.has(entry))) {
      const entry = readEntry(path);
      // Born before this trial's work began (another trial's, or anyone's): none of this trial's business.
      if (entry === null || !after.window.ranAt(entry.birthMs) || after.window.claimedByOther(path)) continue;
      const { birthMs } = entry;
      // Programs make folders in the temp directory all the time (a bundler's cache, a test's mkdtemp): a folder
      // is never tied to a trial by its birth alone, only files, sockets and links the trial's user owns are.
      if (!entry.isDirectory && entry.ownerUid === process.getuid?.() && after.window.ranAloneAt(birthMs)) {
        after.window.claim(path);
        outside.push({ path, attributedBy: 'born-alone', birthMs });
      } else unattributed.push(path);
    }
    outside.sort((first, second) => first.path.localeCompare(second.path));
    return { total: paths.length + outside.length, paths, outside, unattributed: unattributed.sort() };
  },
};

import type { Leftover, Probe } from './probe.ts';
import { listWorkDir } from './work-dir-entries.ts';

export interface TempFileLeftovers extends Leftover {
  /** Paths relative to the trial directory; folders end with a slash. */
  readonly paths: string[];
}

/** Files and folders left in the trial's private directory, which is also the workload's TMPDIR. */
export const tempFilesProbe: Probe<Set<string>, TempFileLeftovers> = {
  name: 'temp-files',
  snapshot(target) {
    const entries = listWorkDir(target.workDir);
    return entries === null ? null : new Set(entries.map((entry) => (entry.isDirectory ? `${entry.path}/` : entry.path)));
  },
  diff(before, after) {
    const paths = [...after].filter((path) => !before.has(path)).sort();
    return { total: paths.length, paths };
  },
};

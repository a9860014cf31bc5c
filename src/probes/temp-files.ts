import { readdirSync } from 'node:fs';
import type { Leftover, Probe } from './probe.ts';

export interface TempFileLeftovers extends Leftover {
  /** Paths relative to the trial directory; folders end with a slash. */
  readonly paths: string[];
}

/** Files and folders left in the trial's private directory, which is also the workload's TMPDIR. */
export const tempFilesProbe: Probe<Set<string>, TempFileLeftovers> = {
  name: 'temp-files',
  snapshot(target) {
    try {
      const entries = readdirSync(target.workDir, { recursive: true, withFileTypes: true });
      return new Set(entries.map((entry) => relativePath(target.workDir, entry)));
    } catch {
      return null;
    }
  },
  diff(before, after) {
    const paths = [...after].filter((path) => !before.has(path)).sort();
    return { total: paths.length, paths };
  },
};

function relativePath(root: string, entry: { name: string; parentPath?: string; path?: string; isDirectory(): boolean }): string {
  // Node 20 names the folder `path`; newer releases call it `parentPath`.
  const parent = entry.parentPath ?? entry.path ?? root;
  const relativeParent = parent.slice(root.length + 1);
  const path = relativeParent === '' ? entry.name : `${relativeParent}/${entry.name}`;
  return entry.isDirectory() ? `${path}/` : path;
}

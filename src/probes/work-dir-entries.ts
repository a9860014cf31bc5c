import { readdirSync } from 'node:fs';

/** A file or folder inside the trial's work directory. */
export interface WorkDirEntry {
  /** Relative to the work directory, without a trailing slash. */
  readonly path: string;
  readonly isDirectory: boolean;
}

/** Everything under the work directory, nested entries included; null when it cannot be read (it is gone). */
export function listWorkDir(workDir: string): WorkDirEntry[] | null {
  try {
    return readdirSync(workDir, { recursive: true, withFileTypes: true }).map((entry) => ({
      path: relativePath(workDir, entry),
      isDirectory: entry.isDirectory(),
    }));
  } catch {
    return null;
  }
}

function relativePath(root: string, entry: { name: string; parentPath?: string; path?: string }): string {
  // Node 20 names the folder `path`; newer releases call it `parentPath`.
  const parent = entry.parentPath ?? entry.path ?? root;
  const relativeParent = parent.slice(root.length + 1);
  return relativeParent === '' ? entry.name : `${relativeParent}/${entry.name}`;
}

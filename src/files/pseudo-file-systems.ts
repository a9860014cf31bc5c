import { statfsSync } from 'node:fs';

/**
 * File systems that hold no files of their own, by statfs(2) magic: a folder cannot be made there, and Node 20's
 * mkdirSync(..., { recursive: true }) loops forever on a path under /proc. Checked before anything is created.
 */
const PSEUDO_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x63677270, 'cgroup2'],
  [0x27e0eb, 'cgroup'],
  [0x64626720, 'debugfs'],
]);

/** The pseudo file system `path` (which must exist) lies on, by name; null for a real one. */
export function findPseudoFileSystem(path: string): string | null {
  return PSEUDO_FILE_SYSTEMS.get(Number(statfsSync(path).type)) ?? null;
}

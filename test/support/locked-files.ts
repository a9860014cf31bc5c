import { readFileSync } from 'node:fs';
import { lockKeyOf } from '../../src/linux-proc/os-locks.ts';

/**
 * Whether any process holds an OS lock on the file, and which pids placed one, as /proc/locks lists the machine's
 * locks: the tests' own view, independent of the probe (which reads each trial process's fdinfo instead).
 */
export function findLockHolders(path: string): number[] {
  const key = lockKeyOf(path);
  if (key === null) return [];
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1] !== '->' && fields[5] === key)
    .map((fields) => Number(fields[4]));
}

export function isLocked(path: string): boolean {
  return findLockHolders(path).length > 0;
}

import { statSync } from 'node:fs';
import type { DescriptorTable } from './descriptor-table.ts';
import { readProcFile } from './read-proc-file.ts';

/** One lock /proc/locks lists as held (a process waiting for a lock is listed with `->` and is skipped). */
export interface OsLock {
  /** FLOCK (flock(2)), POSIX (fcntl(2)), OFDLCK (open-file-description lock) or LEASE. */
  readonly type: string;
  /** READ (shared) or WRITE (exclusive). */
  readonly access: string;
  /** The process that placed it; it may have exited while a descendant holds the file open. -1 for OFD locks. */
  readonly pid: number;
  /** The locked file as `MAJ:MIN:INODE` (device numbers in hex), how /proc/locks names it. */
  readonly file: string;
  /** The locked byte range, `0-EOF` for a whole file. */
  readonly range: string;
}

/**
 * The OS locks on the files a process holds open, as /proc/<pid>/fdinfo/<fd> lists them (`lock:` lines, in
 * /proc/locks's own format): every lock a process holds is on a file some process has open. /proc/locks itself is
 * not read: each read waits for an RCU grace period (7 to 19 ms here, most of a probe's time), and it lists every
 * process of the machine. Only descriptors of files (a path, not a pipe, socket or anonymous inode) can hold a lock.
 */
export function readHeldLocks(pid: number, table: DescriptorTable): Array<OsLock & { readonly heldAt: string }> {
  return [...table].flatMap(([fd, link]) => {
    if (!link.startsWith('/') || link.startsWith('/proc/')) return [];
    const info = readProcFile(`/proc/${pid}/fdinfo/${fd}`) ?? '';
    return info
      .split('\n')
      .flatMap((line) => (line.startsWith('lock:') ? parseLine(line.slice('lock:'.length)) : []))
      .map((lock) => ({ ...lock, heldAt: link }));
  });
}

/** `1: FLOCK  ADVISORY  WRITE 27986 fe:00:2163326 0 EOF`; a waiter reads `1: -> FLOCK …`. */
function parseLine(line: string): OsLock[] {
  const [, ...fields] = line.trim().split(/\s+/);
  if (fields.length < 7 || fields[0] === '->') return [];
  const [type = '', , access = '', pid = '', file = '', start = '', end = ''] = fields;
  return [{ type, access, pid: Number(pid), file, range: `${start}-${end}` }];
}

/**
 * A file's `MAJ:MIN:INODE` as /proc/locks prints it (`%02x:%02x:%lu`), so a lock whose placing process has exited
 * is still tied to the file; null when the file cannot be stat'ed. Device numbers are split as glibc's major()
 * and minor() do.
 */
export function lockKeyOf(path: string): string | null {
  try {
    const { dev, ino } = statSync(path, { bigint: true });
    const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
    const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
    return `${hex(major)}:${hex(minor)}:${ino}`;
  } catch {
    return null;
  }
}

function hex(value: bigint): string {
  return value.toString(16).padStart(2, '0');
}

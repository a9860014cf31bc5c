import { readFileSync } from 'node:fs';

/**
 * The inodes of this network namespace's Unix sockets (/proc/net/unix); null when it cannot be read. A descriptor
 * of one of these is no TCP socket, so the probes need not read the TCP tables for it: a read of /proc/net/tcp
 * walks the kernel's whole connection hash table (milliseconds on a large machine), /proc/net/unix only the
 * sockets that exist.
 */
export function readUnixSocketInodes(): Set<number> | null {
  try {
    const rows = readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1).filter(Boolean);
    // `Num RefCount Protocol Flags Type St Inode Path`
    return new Set(rows.map((row) => Number(row.trim().split(/\s+/)[6])));
  } catch {
    return null;
  }
}

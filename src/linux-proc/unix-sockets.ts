import { readProcFile } from './read-proc-file.ts';

/**
 * This network namespace's Unix sockets (/proc/net/unix), inode → the path the socket is bound to (null for one
 * bound to none, or to an abstract name); null when the table cannot be read. A descriptor of one of these is no
 * TCP socket, so the probes need not read the TCP tables for it: a read of /proc/net/tcp walks the kernel's whole
 * connection hash table (milliseconds on a large machine), /proc/net/unix only the sockets that exist. A server's
 * listening socket and the connections it accepted carry the path they were bound to; a client's carry none.
 */
export function readUnixSockets(): Map<number, string | null> | null {
  const table = readProcFile('/proc/net/unix');
  if (table === null) return null;
  const sockets = new Map<number, string | null>();
  // `Num RefCount Protocol Flags Type St Inode Path`; the path may itself hold spaces.
  for (const row of table.split('\n').slice(1).filter(Boolean)) {
    const fields = row.trim().split(/\s+/);
    const path = fields.slice(7).join(' ');
    sockets.set(Number(fields[6]), path.startsWith('/') ? path : null);
  }
  return sockets;
}

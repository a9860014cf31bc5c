import { readdirSync, readlinkSync } from 'node:fs';

/** Descriptor number → link target, as /proc/<pid>/fd shows them. */
export type DescriptorTable = Map<string, string>;

/** The open descriptors of a process, or null when it is gone or unreadable (which the probes report as not measured). */
export function readDescriptorTable(pid: number): DescriptorTable | null {
  try {
    const table: DescriptorTable = new Map();
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const link = readLinkOrNull(`/proc/${pid}/fd/${fd}`);
      if (link !== null) table.set(fd, link);
    }
    return table;
  } catch {
    return null;
  }
}

/** The inodes of a table's sockets: how /proc/net/tcp rows are tied to the processes holding them. */
export function socketInodesOf(table: DescriptorTable): Set<number> {
  const inodes = new Set<number>();
  for (const link of table.values()) {
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    if (inode !== undefined) inodes.add(Number(inode));
  }
  return inodes;
}

/** The descriptors of a table that are epoll instances: each event loop (libuv's backend) holds one. */
export function eventPollDescriptorsOf(table: DescriptorTable): Set<number> {
  return new Set([...table].filter(([, link]) => link === 'anon_inode:[eventpoll]').map(([fd]) => Number(fd)));
}

/** A descriptor can close between listing and reading; that one is simply not open any more. */
function readLinkOrNull(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

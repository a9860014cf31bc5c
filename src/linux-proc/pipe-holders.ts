import { readlinkSync } from 'node:fs';
import { readDescriptorTable } from './descriptor-table.ts';
import { readProcessStat } from './process-stat.ts';

/** A process holding one end of a pipe or socket pair. */
export interface PipeHolder {
  readonly pid: number;
  readonly command: string;
  /** Its descriptors on that end: 1 means it writes there as its stdout, 2 as its stderr. */
  readonly fds: readonly number[];
}

/**
 * One of this process's pipes to a child, by what it carries, as both ends were when the child started: `end` is this
 * process's descriptor's link (`pipe:[inode]`), `peer` the child's (the same for a pipe; another socket's inode for the
 * socket pair Node.js makes of a `'pipe'` stdio). Whoever holds `peer` keeps this process's end from seeing its end.
 */
export interface OwnPipe {
  readonly channel: string;
  readonly fd: number;
  readonly end: string;
  readonly peer: string;
}

/** A process's descriptor as /proc/<pid>/fd links it (`pipe:[123]`, `socket:[456]`, a path); null when it is not open. */
export function readDescriptorLink(pid: number | 'self', fd: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/fd/${fd}`);
  } catch {
    return null;
  }
}

/**
 * The processes among `candidates` (this one left out) that hold the child's end of one of this process's pipes, while
 * this process's descriptor is still that pipe: none once it was closed (or its number reused for another file).
 */
export function findOwnPipeHolders(pipe: OwnPipe, candidates: readonly number[]): PipeHolder[] {
  if (readDescriptorLink('self', pipe.fd) !== pipe.end) return [];
  return candidates.flatMap((pid) => {
    if (pid === process.pid) return [];
    const fds = [...(readDescriptorTable(pid) ?? [])].filter(([, link]) => link === pipe.peer).map(([fd]) => Number(fd));
    const command = readProcessStat(pid)?.command;
    return fds.length === 0 || command === undefined ? [] : [{ pid, command, fds }];
  });
}

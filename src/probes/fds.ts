import { readdirSync, readlinkSync } from 'node:fs';
import { readProcessStatus } from '../marker/proc.ts';
import type { Leftover, Probe } from './probe.ts';

export const FD_KINDS = ['file', 'socket', 'pipe', 'other'] as const;
export type FdKind = (typeof FD_KINDS)[number];

export interface FdLeftovers extends Leftover {
  readonly byKind: Record<FdKind, number>;
  /** What each leftover descriptor points at, prefixed with its owner: `host 23 -> /tmp/x`. */
  readonly descriptors: string[];
}

/** Descriptor number → link target. */
type DescriptorTable = Map<string, string>;

interface FdSnapshot {
  readonly host: DescriptorTable;
  /** The child's table if it is alive; null when there is no child or it has exited. */
  readonly child: DescriptorTable | null;
}

/** Open descriptors of the host (new since before) and of the child if it survived (all of them). */
export const fdsProbe: Probe<FdSnapshot, FdLeftovers> = {
  name: 'fds',
  snapshot(target) {
    const host = readDescriptorTable(target.hostPid);
    if (host === null) return null;
    const childAlive = target.childPid !== null && readProcessStatus(target.childPid)?.state !== 'Z';
    return { host, child: childAlive && target.childPid !== null ? readDescriptorTable(target.childPid) : null };
  },
  diff(before, after) {
    const descriptors = [
      ...[...after.host].filter(([fd, link]) => before.host.get(fd) !== link).map(([fd, link]) => `host ${fd} -> ${link}`),
      ...[...(after.child ?? [])].map(([fd, link]) => `child ${fd} -> ${link}`),
    ];
    const byKind = Object.fromEntries(FD_KINDS.map((kind) => [kind, 0])) as Record<FdKind, number>;
    for (const descriptor of descriptors) byKind[classifyLink(descriptor.slice(descriptor.indexOf('-> ') + 3))] += 1;
    return { total: descriptors.length, byKind, descriptors };
  },
};

function readDescriptorTable(pid: number): DescriptorTable | null {
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

/** A descriptor can close between listing and reading; that one is simply not open any more. */
function readLinkOrNull(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

export function classifyLink(link: string): FdKind {
  if (link.startsWith('socket:')) return 'socket';
  if (link.startsWith('pipe:')) return 'pipe';
  if (link.startsWith('/')) return 'file';
  return 'other';
}

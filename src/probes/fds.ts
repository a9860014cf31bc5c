import { readProcessStat } from '../linux-proc/process-stat.ts';
import type { DescriptorTable } from '../linux-proc/descriptor-table.ts';
import { readsOf } from './moment-reads.ts';
import type { Leftover, Probe } from './probe.ts';

export const FD_KINDS = ['file', 'socket', 'pipe', 'other'] as const;
export type FdKind = (typeof FD_KINDS)[number];

export interface FdLeftovers extends Leftover {
  readonly byKind: Record<FdKind, number>;
  /** What each leftover descriptor points at, prefixed with its owner: `host 23 -> /tmp/x`. */
  readonly descriptors: string[];
}

export interface FdSnapshot {
  readonly host: DescriptorTable;
  /** The child's table if it is alive; null when there is no child or it has exited. */
  readonly child: DescriptorTable | null;
}

/** Open descriptors of the host (new since before) and of the child if it survived (all of them). */
export const fdsProbe: Probe<FdSnapshot, FdLeftovers> = {
  name: 'fds',
  snapshot(target) {
    const reads = readsOf(target);
    const host = reads.descriptorTable(target.hostPid);
    if (host === null) return null;
    const childAlive = target.childPid !== null && readProcessStat(target.childPid)?.state !== 'Z';
    return { host, child: childAlive && target.childPid !== null ? reads.descriptorTable(target.childPid) : null };
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

/** What a descriptor points at, from its link target. */
export function classifyLink(link: string): FdKind {
  if (link.startsWith('socket:')) return 'socket';
  if (link.startsWith('pipe:')) return 'pipe';
  if (link.startsWith('/')) return 'file';
  return 'other';
}

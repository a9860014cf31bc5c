import { readProcessStat } from '../linux-proc/process-stat.ts';
import type { DescriptorTable } from '../linux-proc/descriptor-table.ts';
import { readsOf } from './moment-reads.ts';
import type { Leftover, Probe } from './probe.ts';
import { traitsOf } from '../this-engine/engine-traits.ts';

export const FD_KINDS = ['file', 'socket', 'pipe', 'other'] as const;
export type FdKind = (typeof FD_KINDS)[number];

export interface FdLeftovers extends Leftover {
  readonly byKind: Record<FdKind, number>;
  /** What each leftover descriptor points at, prefixed with its owner: `host 23 -> /tmp/x`. */
  readonly descriptors: string[];
  /**
   * New descriptors of the host's engine's own worker machinery (Deno's event descriptors, see EngineTraits), listed but
   * counted nowhere; absent on an engine that keeps none.
   */
  readonly engineOwn?: string[];
}

export interface FdSnapshot {
  readonly host: DescriptorTable;
  /** The child's table if it is alive; null when there is no child or it has exited. */
  readonly child: DescriptorTable | null;
  /** The host's descriptors its engine keeps for its worker machinery, left out of `host`; null on an engine that keeps none. */
  readonly engineOwn: DescriptorTable | null;
}

/** The event descriptors an engine's worker machinery opens. */
const WORKER_MACHINERY = new Set(['anon_inode:[eventfd]', 'anon_inode:[eventpoll]']);

/** Open descriptors of the host (new since before) and of the child if it survived (all of them). */
export const fdsProbe: Probe<FdSnapshot, FdLeftovers> = {
  name: 'fds',
  snapshot(target) {
    const reads = readsOf(target);
    const host = reads.descriptorTable(target.hostPid);
    if (host === null) return null;
    const childAlive = target.childPid !== null && readProcessStat(target.childPid)?.state !== 'Z';
    const child = childAlive && target.childPid !== null ? reads.descriptorTable(target.childPid) : null;
    if (!traitsOf(target.hostEngine ?? 'node').keepsWorkerDescriptors) return { host, child, engineOwn: null };
    const isOwn = ([, link]: [string, string]) => WORKER_MACHINERY.has(link);
    return { host: new Map([...host].filter((entry) => !isOwn(entry))), child, engineOwn: new Map([...host].filter(isOwn)) };
  },
  diff(before, after) {
    const descriptors = [...listNew(before.host, after.host), ...[...(after.child ?? [])].map(([fd, link]) => `child ${fd} -> ${link}`)];
    const byKind = Object.fromEntries(FD_KINDS.map((kind) => [kind, 0])) as Record<FdKind, number>;
    for (const descriptor of descriptors) byKind[classifyLink(descriptor.slice(descriptor.indexOf('-> ') + 3))] += 1;
    const engineOwn = after.engineOwn === null ? {} : { engineOwn: listNew(before.engineOwn ?? new Map(), after.engineOwn) };
    return { total: descriptors.length, byKind, descriptors, ...engineOwn };
  },
};

/** The host's descriptors that are new since before (or point elsewhere now), as `host 23 -> /tmp/x`. */
function listNew(before: DescriptorTable, after: DescriptorTable): string[] {
  return [...after].filter(([fd, link]) => before.get(fd) !== link).map(([fd, link]) => `host ${fd} -> ${link}`);
}

/** What a descriptor points at, from its link target. */
export function classifyLink(link: string): FdKind {
  if (link.startsWith('socket:')) return 'socket';
  if (link.startsWith('pipe:')) return 'pipe';
  if (link.startsWith('/')) return 'file';
  return 'other';
}

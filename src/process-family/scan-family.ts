import { isInCgroup, listCgroupPids } from '../linux-proc/cgroups.ts';
import { markerBelongsTo, MARKER_VARIABLE } from '../marker/marker.ts';
import { readEnvironmentVariable } from '../linux-proc/process-environment.ts';
import { identityKey, readIfSame } from '../linux-proc/process-identity.ts';
import { type ProcessStat, readAllProcessStats, readProcessStat } from '../linux-proc/process-stat.ts';
import { listChildren } from '../linux-proc/process-tasks.ts';
import type { FamilyMember, ProcessFamily, WayFound } from './process-family.ts';

/** A family at one moment. */
export interface FamilyScan {
  /** Its living members (zombies excluded): every process the family's processes started, wherever they went. */
  readonly living: Array<ProcessStat & Pick<FamilyMember, 'foundBy'>>;
  /** Pids of its living roots and members. */
  readonly livingPids: Set<number>;
  /** Dead members, and dead children of its living processes, that nobody has reaped yet. */
  readonly zombies: number;
}

/**
 * What ties a process to the family at one moment, besides its marker (read from the process itself): the family's
 * cgroup holds it, its parent is a living process of the family, or a living process of the family leads its group
 * or session. One set of rules for the full scan and for the check before a signal.
 */
interface Ties {
  inCgroup(pid: number): boolean;
  /** Living processes of the family by pid, each as read while it was known to be the family's. */
  readonly living: ReadonlyMap<number, ProcessStat>;
}

/** How a scan looks: `whole` reads every process of the machine even where a walk of the family's tree would do. */
export interface ScanOptions {
  readonly whole?: boolean;
}

/**
 * The family's processes now. Where its roots are its child subreapers (family.isContained()), every process of the
 * family descends from a living root or a recorded member, so a walk of their children (and the cgroup) finds them
 * all; elsewhere, or when asked for the `whole` table, one pass over every process of the machine.
 */
export function scanFamily(family: ProcessFamily, { whole = false }: ScanOptions = {}): FamilyScan {
  return !whole && family.isContained() ? walkFamily(family) : scanWholeTable(family);
}

/**
 * One pass over every process: records each process tied to the family by any way in, repeated until nothing new
 * turns up, since a process found one way may lead to others. This process may be a root (a host scanning its own
 * trial), never a member. It alone sees a process outside the family's tree that carries its marker.
 */
function scanWholeTable(family: ProcessFamily): FamilyScan {
  // Nothing started before the family's oldest root can have come from it: on a busy machine, most processes.
  const since = family.roots.length === 0 ? 0 : Math.min(...family.roots.map((root) => root.startTime));
  const stats = readAllProcessStats().filter((stat) => stat.startTime >= since);
  // Read after every status: a known process that died meanwhile (its pid perhaps reused) ties nothing to the family.
  const living = new Map(stats.filter((stat) => isKnown(family, stat) && readIfSame(stat) !== null).map((stat) => [stat.pid, stat]));
  const contained = new Set(family.cgroup === null ? [] : listCgroupPids(family.cgroup));
  const ties: Ties = { inCgroup: (pid) => contained.has(pid), living };
  // Each environment is read once, however many rounds it takes: it is most of a scan's cost.
  const marked = new Map<number, boolean>();
  const carries = (pid: number) => {
    if (!marked.has(pid)) marked.set(pid, carriesMarker(pid, family.marker));
    return marked.get(pid) === true;
  };
  for (let grown = true; grown;) {
    grown = false;
    for (const stat of stats) {
      if (!mayJoin(family, stat)) continue;
      const ways = waysIn(stat, ties, () => carries(stat.pid));
      for (const way of ways) family.record(stat, way);
      if (ways.length > 0 && !living.has(stat.pid)) {
        living.set(stat.pid, stat);
        grown = true;
      }
    }
  }
  return describe(family, stats, living);
}

/**
 * The walk of a contained family: from its living roots and members, through every thread's children, and its
 * cgroup's processes. Each new member is asked for the marker once (for the report's count of those without it).
 */
function walkFamily(family: ProcessFamily): FamilyScan {
  const living = new Map<number, ProcessStat>();
  let zombies = 0;
  for (const identity of [...family.roots, ...family.members()]) {
    const stat = readIfSame(identity);
    if (stat?.state === 'Z') zombies += family.isMember(stat) ? 1 : 0;
    else if (stat !== null) living.set(stat.pid, stat);
  }
  const join = (stat: ProcessStat, way: WayFound) => {
    if (!family.isMember(stat) && carriesMarker(stat.pid, family.marker)) family.record(stat, 'marker');
    family.record(stat, way);
  };
  for (const pid of family.cgroup === null ? [] : listCgroupPids(family.cgroup)) {
    const stat = readProcessStat(pid);
    if (stat === null || !mayJoin(family, stat)) continue;
    join(stat, 'cgroup');
    living.set(stat.pid, stat);
  }
  const frontier = [...living.values()];
  for (let parent = frontier.pop(); parent !== undefined; parent = frontier.pop()) {
    for (const child of listChildren(parent.pid) ?? []) {
      const stat = readProcessStat(child);
      if (stat === null || !isChildOf(stat, parent)) continue;
      if (stat.state === 'Z') {
        zombies += family.isMember(stat) ? 0 : 1;
        continue;
      }
      if (!mayJoin(family, stat)) continue;
      join(stat, 'ancestry');
      if (!living.has(stat.pid)) frontier.push(stat);
      living.set(stat.pid, stat);
    }
  }
  return describeLiving(family, living, zombies);
}

/**
 * The cheap scan for the time between snapshots: the family's cgroup, and the children of its living processes,
 * read from /proc/<pid>/task/<tid>/children, so that a process started and re-parented between two full scans is
 * still seen while its parent lives.
 */
export function scanFamilyTree(family: ProcessFamily): void {
  for (const pid of family.cgroup === null ? [] : listCgroupPids(family.cgroup)) {
    const stat = readProcessStat(pid);
    if (stat !== null && mayJoin(family, stat)) family.record(stat, 'cgroup');
  }
  const frontier = [...family.roots, ...family.members()].flatMap((identity) => readIfSame(identity) ?? []);
  for (let parent = frontier.pop(); parent !== undefined; parent = frontier.pop()) {
    for (const child of listChildren(parent.pid) ?? []) {
      const stat = readProcessStat(child);
      if (stat === null || !mayJoin(family, stat) || !isChildOf(stat, parent) || readIfSame(parent) === null) continue;
      if (!family.isMember(stat)) frontier.push(stat);
      family.record(stat, 'ancestry');
    }
  }
}

/**
 * The one check before a signal: the pid is, right now, a process of the family (a recorded identity whose start
 * time still matches, or one newly tied to it by the same rules as the full scan). Returns its status then, or null.
 */
export function readIfOfFamily(family: ProcessFamily, pid: number): ProcessStat | null {
  const stat = readProcessStat(pid);
  if (stat === null || !mayJoin(family, stat)) return null;
  if (family.isMember(stat)) return stat;
  const living = new Map([...family.roots, ...family.members()].flatMap((identity) => readIfSame(identity) ?? []).map((found) => [found.pid, found]));
  const cgroup = family.cgroup;
  const ways = waysIn(stat, { inCgroup: (candidate) => cgroup !== null && isInCgroup(candidate, cgroup), living }, () => carriesMarker(pid, family.marker));
  for (const way of ways) family.record(stat, way);
  return ways.length > 0 ? stat : null;
}

function waysIn(stat: ProcessStat, ties: Ties, carriesTheMarker: () => boolean): WayFound[] {
  const parent = ties.living.get(stat.parentPid);
  const leaders = [stat.processGroup, stat.session].filter((leader) => leader !== stat.pid && ties.living.has(leader));
  const ways: Array<[WayFound, boolean]> = [
    ['cgroup', ties.inCgroup(stat.pid)],
    ['ancestry', parent !== undefined && isChildOf(stat, parent)],
    ['marker', carriesTheMarker()],
    ['group', leaders.some((leader) => leadsGroupOrSession(ties.living.get(leader)))],
  ];
  return ways.filter(([, tied]) => tied).map(([way]) => way);
}

/** Living, not a root, not this process: a process that may be recorded as a member. */
function mayJoin(family: ProcessFamily, stat: ProcessStat): boolean {
  return stat.state !== 'Z' && !family.isRoot(stat) && stat.pid !== process.pid;
}

function isKnown(family: ProcessFamily, stat: ProcessStat): boolean {
  return stat.state !== 'Z' && (family.isRoot(stat) || family.isMember(stat));
}

/** A child is never older than its parent: a parent pid that names an older process than the child is a reused one. */
function isChildOf(stat: ProcessStat, parent: ProcessStat): boolean {
  return stat.parentPid === parent.pid && stat.startTime >= parent.startTime;
}

function carriesMarker(pid: number, marker: string): boolean {
  const value = readEnvironmentVariable(pid, MARKER_VARIABLE);
  return value !== null && markerBelongsTo(value, marker);
}

function leadsGroupOrSession(stat: ProcessStat | undefined): boolean {
  return stat !== undefined && (stat.processGroup === stat.pid || stat.session === stat.pid);
}

function describe(family: ProcessFamily, stats: readonly ProcessStat[], living: Map<number, ProcessStat>): FamilyScan {
  const zombies = stats.filter((stat) => stat.state === 'Z' && (family.isMember(stat) || living.has(stat.parentPid))).length;
  return describeLiving(family, living, zombies);
}

function describeLiving(family: ProcessFamily, living: Map<number, ProcessStat>, zombies: number): FamilyScan {
  const ways = new Map(family.members().map((member) => [identityKey(member), member.foundBy]));
  const members = [...living.values()]
    .filter((stat) => !family.isRoot(stat) && stat.pid !== process.pid)
    .map((stat) => ({ ...stat, foundBy: ways.get(identityKey(stat)) ?? [] }));
  return { living: members, livingPids: new Set(living.keys()), zombies };
}

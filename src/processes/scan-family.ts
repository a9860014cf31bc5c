import { isInCgroup, listCgroupPids } from '../proc/cgroups.ts';
import { markerBelongsTo, MARKER_VARIABLE } from '../marker/marker.ts';
import { readEnvironmentVariable } from '../proc/process-environment.ts';
import { type ProcessStat, readAllProcessStats, readProcessStat } from '../proc/process-stat.ts';
import { listChildren } from '../proc/process-tasks.ts';
import { identityKey, readIfSame } from '../proc/process-identity.ts';
import type { FamilyMember, ProcessFamily } from './process-family.ts';

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
 * One pass over every process: records each process tied to the family by any way in (its cgroup, the marker, a
 * parent of the family, a group or session it leads), repeated until nothing new turns up, since a process found one way may
 * lead to others. This process is never a member of it.
 */
export function scanFamily(family: ProcessFamily): FamilyScan {
  // Nothing started before the family's oldest root can have come from it: on a busy machine, most processes.
  const since = family.roots.length === 0 ? 0 : Math.min(...family.roots.map((root) => root.startTime));
  // This process may be a root (a host scanning its own trial), so it stays in the scan; it is never a member.
  const stats = readAllProcessStats().filter((stat) => stat.startTime >= since);
  const living = new Map<number, ProcessStat>();
  for (const stat of stats) {
    if (stat.state !== 'Z' && (family.isRoot(stat) || family.isMember(stat))) living.set(stat.pid, stat);
  }
  const contained = new Set(family.cgroup === null ? [] : listCgroupPids(family.cgroup));
  for (const stat of stats) {
    if (contained.has(stat.pid)) adopt(family, living, stat, 'cgroup');
    if (!living.has(stat.pid) && carriesMarker(stat.pid, family.marker)) adopt(family, living, stat, 'marker');
  }
  for (let grown = true; grown; ) {
    grown = false;
    const leaders = new Set([...living.values()].filter(leadsGroupOrSession).map((stat) => stat.pid));
    for (const stat of stats) {
      if (stat.state === 'Z' || family.isRoot(stat) || stat.pid === process.pid) continue;
      const byParent = living.has(stat.parentPid);
      const byGroup = ledByOther(stat, leaders);
      if (byParent) family.record(stat, 'ancestry');
      if (byGroup) family.record(stat, 'group');
      if ((byParent || byGroup) && !living.has(stat.pid)) {
        living.set(stat.pid, stat);
        grown = true;
      }
    }
  }
  return describe(family, stats, living);
}

/**
 * The cheap scan for the time between snapshots: the family's cgroup, and the children of its living processes,
 * read from /proc/<pid>/task/<tid>/children, so that a process started and re-parented between two full scans is
 * still seen while its parent lives.
 */
export function scanFamilyTree(family: ProcessFamily): void {
  for (const pid of family.cgroup === null ? [] : listCgroupPids(family.cgroup)) {
    const stat = readProcessStat(pid);
    if (stat !== null && stat.state !== 'Z') family.record(stat, 'cgroup');
  }
  const frontier = [...family.roots, ...family.members()].filter((identity) => readIfSame(identity) !== null).map((identity) => identity.pid);
  for (let next = frontier.pop(); next !== undefined; next = frontier.pop()) {
    for (const child of listChildren(next) ?? []) {
      const stat = readProcessStat(child);
      if (stat === null || stat.parentPid !== next || family.isRoot(stat)) continue;
      if (!family.isMember(stat)) frontier.push(child);
      family.record(stat, 'ancestry');
    }
  }
}

/**
 * The one check before a signal: the pid is, right now, a process of the family (a recorded identity, or newly tied
 * to it by its cgroup, its marker, its parent, or a group or session it leads). Returns its status then, or null.
 */
export function readIfOfFamily(family: ProcessFamily, pid: number): ProcessStat | null {
  const stat = readProcessStat(pid);
  if (stat === null || stat.state === 'Z' || family.isRoot(stat)) return null;
  if (family.isMember(stat)) return stat;
  if (family.cgroup !== null && isInCgroup(pid, family.cgroup)) {
    family.record(stat, 'cgroup');
    return stat;
  }
  if (carriesMarker(pid, family.marker)) {
    family.record(stat, 'marker');
    return stat;
  }
  const living = [...family.roots, ...family.members()].map(readIfSame).filter((found) => found !== null);
  if (living.some((found) => found.pid === stat.parentPid)) {
    family.record(stat, 'ancestry');
    return stat;
  }
  if (ledByOther(stat, new Set(living.filter(leadsGroupOrSession).map((found) => found.pid)))) {
    family.record(stat, 'group');
    return stat;
  }
  return null;
}

function adopt(family: ProcessFamily, living: Map<number, ProcessStat>, stat: ProcessStat, way: 'cgroup' | 'marker'): void {
  if (stat.state === 'Z' || family.isRoot(stat) || stat.pid === process.pid) return;
  family.record(stat, way);
  living.set(stat.pid, stat);
}

function carriesMarker(pid: number, marker: string): boolean {
  const value = readEnvironmentVariable(pid, MARKER_VARIABLE);
  return value !== null && markerBelongsTo(value, marker);
}

/** In a group or session that another process, one of the leaders given, leads (leading one's own ties nothing). */
function ledByOther(stat: ProcessStat, leaders: ReadonlySet<number>): boolean {
  return (stat.processGroup !== stat.pid && leaders.has(stat.processGroup)) || (stat.session !== stat.pid && leaders.has(stat.session));
}

function leadsGroupOrSession(stat: ProcessStat): boolean {
  return stat.processGroup === stat.pid || stat.session === stat.pid;
}

function describe(family: ProcessFamily, stats: readonly ProcessStat[], living: Map<number, ProcessStat>): FamilyScan {
  const ways = new Map(family.members().map((member) => [identityKey(member), member.foundBy]));
  const members = [...living.values()]
    .filter((stat) => !family.isRoot(stat))
    .map((stat) => ({ ...stat, foundBy: ways.get(identityKey(stat)) ?? [] }));
  const zombies = stats.filter((stat) => stat.state === 'Z' && (family.isMember(stat) || living.has(stat.parentPid))).length;
  return { living: members, livingPids: new Set(living.keys()), zombies };
}

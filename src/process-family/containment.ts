import { mkdirSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CgroupReference, findOwnCgroupHierarchies, isInCgroup, listCgroupPids, listCgroupTree } from '../linux-proc/cgroups.ts';
import { describeOwner, ownerAlive } from '../marker/run-owner.ts';
import { TEMP_PREFIX } from '../marker/marker.ts';
import { isNoSuchProcess } from './signal-gate.ts';

/**
 * A cgroup of its own for a host: every process the host's trials start lands in it (or in a cgroup below it), however
 * it leaves the host's tree, session and environment (a double-forked daemon with a cleared environment included),
 * and cannot leave it without the right to write a cgroup outside it. A cgroup changes nothing a trial measures:
 * parents, re-parenting to init and reaping stay the machine's. Where the machine gives no writable cgroup (no
 * cgroup file system, or one this user may not write), processes are found by ancestry, marker and session alone.
 */
export interface Containment extends CgroupReference {
  /** Waits until the kernel has let the last process of the cgroup (and of any below it) go, then removes them. */
  remove(): Promise<void>;
}

interface Hierarchy {
  /** The folder of the harness's own cgroup, under which each host gets one. */
  readonly parent: string;
  readonly ownPath: string;
}

/** The hierarchy hosts' cgroups go in, or why there is none; found once per process. */
let availability: Hierarchy | string | undefined;

/** Names of the harness's cgroups carry their owner, so the next run can tell a dead run's from a living one's. */
const CGROUP_PREFIX = TEMP_PREFIX;
const REMOVE_ATTEMPTS = 50;
const REMOVE_POLL_MS = 10;

/** A new cgroup holding the pid, or null when the machine allows none (see describeContainment). */
export function containProcess(name: string, pid: number): Containment | null {
  const hierarchy = findHierarchy();
  if (typeof hierarchy === 'string') return null;
  const reference = referenceOf(hierarchy, `${CGROUP_PREFIX}${ownerTag()}-${name}`);
  try {
    mkdirSync(reference.directory);
  } catch {
    return null;
  }
  const containment = { ...reference, remove: () => removeCgroup(reference.directory) };
  try {
    writeFileSync(`${reference.directory}/cgroup.procs`, String(pid));
    return containment;
  } catch {
    void containment.remove().catch(() => undefined);
    return null;
  }
}

/** Whether hosts get a cgroup of their own on this machine, said for a report: where, or why not. */
export function describeContainment(): { readonly available: boolean; readonly description: string } {
  const hierarchy = findHierarchy();
  if (typeof hierarchy === 'string') return { available: false, description: hierarchy };
  return { available: true, description: `a cgroup per host, under ${hierarchy.parent}` };
}

/**
 * Cgroups that runs whose harness died left: every process still in one is SIGKILLed (each confirmed to be in it
 * right before its signal: only the harness's hosts and what they started were ever put there), then it is removed.
 */
export async function removeDeadRunCgroups(): Promise<number> {
  let killed = 0;
  for (const reference of findDeadRunCgroups()) {
    for (const pid of listCgroupPids(reference)) if (killIfInCgroup(pid, reference)) killed += 1;
    // One that will not go (a process stuck in the kernel) is left for the next run, and must not stop this one.
    await removeCgroup(reference.directory).catch(() => undefined);
  }
  return killed;
}

/** The harness's cgroups, beside this process's own, whose owner (named in the cgroup's name) is no longer alive. */
export function findDeadRunCgroups(): CgroupReference[] {
  const hierarchy = findHierarchy();
  if (typeof hierarchy === 'string') return [];
  return readdirSync(hierarchy.parent)
    .filter((leaf) => leaf.startsWith(CGROUP_PREFIX) && !ownerAlive(leaf.slice(CGROUP_PREFIX.length).split('-')[0]?.replace('.', ':') ?? ''))
    .map((leaf) => referenceOf(hierarchy, leaf));
}

/** The folder the harness's cgroups go in on this machine; null where it makes none. */
export function findCgroupParent(): string | null {
  const hierarchy = findHierarchy();
  return typeof hierarchy === 'string' ? null : hierarchy.parent;
}

function killIfInCgroup(pid: number, cgroup: CgroupReference): boolean {
  if (!isInCgroup(pid, cgroup)) return false;
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch (error) {
    if (isNoSuchProcess(error)) return false;
    throw error;
  }
}

function findHierarchy(): Hierarchy | string {
  availability ??= probeHierarchies();
  return availability;
}

/** The first hierarchy under whose own cgroup this user may create one; the reasons of all when there is none. */
function probeHierarchies(): Hierarchy | string {
  const hierarchies = findOwnCgroupHierarchies();
  if (hierarchies.length === 0) return 'no cgroup v2 or v1 pids hierarchy is mounted';
  const refusals: string[] = [];
  for (const own of hierarchies) {
    const probe = `${own.ownDirectory}/${CGROUP_PREFIX}${ownerTag()}-probe`;
    try {
      mkdirSync(probe);
      rmdirSync(probe);
      return { parent: own.ownDirectory, ownPath: own.ownPath };
    } catch (error) {
      refusals.push(`${own.ownDirectory} (${error instanceof Error && 'code' in error ? String(error.code) : 'error'})`);
    }
  }
  return `this user cannot create a cgroup under ${refusals.join(' or ')}`;
}

/** This harness process, as the names of its cgroups carry it: `<pid>.<start time>`. */
function ownerTag(): string {
  return describeOwner().replace(':', '.');
}

function referenceOf(hierarchy: Hierarchy, leaf: string): CgroupReference {
  return { directory: `${hierarchy.parent}/${leaf}`, relativePath: `${hierarchy.ownPath.replace(/\/$/, '')}/${leaf}` };
}

/** A cgroup can be removed once its last process has exited (a dying one may take a moment), the deepest first. */
async function removeCgroup(directory: string): Promise<void> {
  for (let attempt = 0; attempt < REMOVE_ATTEMPTS; attempt += 1) {
    try {
      for (const folder of listCgroupTree(directory)) rmdirSync(folder);
      return;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') continue;
      await sleep(REMOVE_POLL_MS);
    }
  }
  if (listCgroupTree(directory).length > 0) throw new Error(`cgroup ${directory} still holds processes; the harness could not remove it`);
}

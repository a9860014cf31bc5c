import { appendFileSync } from 'node:fs';
import type { CgroupReference } from '../linux-proc/cgroups.ts';
import { identityKey, type ProcessIdentity, readIfSame } from '../linux-proc/process-identity.ts';

/**
 * How a process was tied to a trial: it sits in the cgroup of the trial's host (where the machine allows one, see
 * src/process-family/containment.ts), it descended from one of the trial's processes (seen through parent pids at some
 * scan), it carries the trial's marker, or it sits in a process group or session that a process of the trial
 * leads (a process that drops its environment and is re-parented keeps both unless it calls setsid or setpgid).
 */
export const WAYS_FOUND = ['cgroup', 'ancestry', 'marker', 'group'] as const;
export type WayFound = (typeof WAYS_FOUND)[number];

/** What a scan saw of a process: enough to name it and show it, and its parent then when the scan read it. */
export type SeenProcess = ProcessIdentity & { readonly command: string; readonly parentPid?: number };

/** A process recorded as the trial's, by identity, and every way it was found. */
export interface FamilyMember extends SeenProcess {
  readonly foundBy: WayFound[];
}

/**
 * The processes of one trial (or one run): its roots, whose descendants, groups and sessions belong to it but which
 * are not members themselves (a trial's host), and every process ever found to belong to it, named by pid and
 * start time so that a recycled pid is never mistaken for one of them.
 */
export interface ProcessFamily {
  /** The marker value (a trial id, a host marker or a run id) whose processes belong to the family. */
  readonly marker: string;
  readonly roots: readonly ProcessIdentity[];
  /** The cgroup every process of the family is started in, when the machine gave the host one. */
  readonly cgroup: CgroupReference | null;
  /**
   * Whether every root is its family's child subreaper (see src/host/subreaper.ts): then every process of the family
   * descends from a living root or a recorded member, and a walk of their children finds them all, without reading
   * every process of the machine. False once a root is gone (a host-death trial): its orphans went to init.
   */
  isContained(): boolean;
  record(seen: SeenProcess, way: WayFound): void;
  /** Every process recorded, living or not. */
  members(): FamilyMember[];
  isMember(identity: ProcessIdentity): boolean;
  isRoot(identity: ProcessIdentity): boolean;
  /** Notes that a root, the child subreaper of its trial, took the process in when the process that started it died. */
  markAdopted(identity: ProcessIdentity): void;
  /**
   * Whether the process was orphaned: re-parented since it was first seen, or adopted by a root (which a process
   * orphaned before any scan saw it can only be found as). Its parent now is `parentPid`.
   */
  wasOrphaned(identity: ProcessIdentity, parentPid: number): boolean;
}

export interface FamilyOptions {
  readonly marker: string;
  readonly roots?: readonly ProcessIdentity[];
  readonly cgroup?: CgroupReference | null;
  /** A family that also records every member of this one: the run's, which reaps what its trials found. */
  readonly parent?: ProcessFamily;
  /** A file that gets one JSON line `{ pid, startTime, command }` per new member, so the next run can reap them if this one dies. */
  readonly journal?: string;
  /** Whether the roots are the family's child subreapers; asked at each scan, since a host says so once it is ready. */
  readonly subreapers?: () => boolean;
}

export function createProcessFamily({ marker, roots = [], cgroup = null, parent, journal, subreapers = () => false }: FamilyOptions): ProcessFamily {
  const rootKeys = new Set(roots.map(identityKey));
  const members = new Map<string, { command: string; pid: number; startTime: number; foundBy: Set<WayFound> }>();
  const firstParents = new Map<string, number>();
  const adopted = new Set<string>();
  return {
    marker,
    roots,
    cgroup,
    isContained: () => roots.length > 0 && subreapers() && roots.every((root) => isAlive(readIfSame(root))),
    record(stat, way) {
      const key = identityKey(stat);
      if (rootKeys.has(key)) return;
      parent?.record(stat, way);
      if (stat.parentPid !== undefined && !firstParents.has(key)) firstParents.set(key, stat.parentPid);
      const known = members.get(key);
      if (known !== undefined) {
        known.foundBy.add(way);
        return;
      }
      members.set(key, { pid: stat.pid, startTime: stat.startTime, command: stat.command, foundBy: new Set([way]) });
      // JSON: a command name may hold any byte, a newline included, and must not forge a line of its own.
      if (journal !== undefined) appendToJournal(journal, `${JSON.stringify({ pid: stat.pid, startTime: stat.startTime, command: stat.command })}\n`);
    },
    members: () => [...members.values()].map(({ foundBy, ...member }) => ({ ...member, foundBy: WAYS_FOUND.filter((way) => foundBy.has(way)) })),
    isMember: (identity) => members.has(identityKey(identity)),
    isRoot: (identity) => rootKeys.has(identityKey(identity)),
    markAdopted: (identity) => void adopted.add(identityKey(identity)),
    wasOrphaned(identity, parentPid) {
      const key = identityKey(identity);
      const firstParent = firstParents.get(key);
      return adopted.has(key) || (firstParent !== undefined && firstParent !== parentPid);
    },
  };
}

/**
 * The journal serves only the next run's clean-up, should this run die; this run reaps through the family itself.
 * A journal that cannot be written (the run's folder is gone: the run is failing or ending) must not fail the run.
 */
function appendToJournal(journal: string, line: string): void {
  try {
    appendFileSync(journal, line);
  } catch {
    // Nothing to do: see above.
  }
}

/** A process that has not exited: a zombie is dead, though still listed. */
function isAlive(stat: { readonly state: string } | null): boolean {
  return stat !== null && stat.state !== 'Z';
}

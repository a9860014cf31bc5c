import { readdirSync } from 'node:fs';
import { readProcFile } from './read-proc-file.ts';

/** A cgroup, by its folder in the cgroup file system and by the path /proc/<pid>/cgroup shows for it. */
export interface CgroupReference {
  readonly directory: string;
  readonly relativePath: string;
}

/**
 * The cgroup hierarchies this process's own cgroup can be found in, for sub-cgroups of its own, in the order to try
 * them: the unified (v2) one, which has no controller in a hybrid set-up and changes nothing of a process it holds,
 * then the v1 `pids` one.
 */
export interface CgroupHierarchy {
  /** The folder of this process's own cgroup. */
  readonly ownDirectory: string;
  readonly ownPath: string;
}

export function findOwnCgroupHierarchies(): CgroupHierarchy[] {
  const mounts = (readProcFile('/proc/self/mountinfo') ?? '').split('\n').flatMap((line) => parseMount(line) ?? []);
  const memberships = (readProcFile('/proc/self/cgroup') ?? '').split('\n').map((line) => line.split(':'));
  const kinds = [
    { matches: (mount: Mount) => mount.type === 'cgroup2', controller: '' },
    { matches: (mount: Mount) => mount.type === 'cgroup' && mount.options.split(',').includes('pids'), controller: 'pids' },
  ];
  return kinds.flatMap(({ matches, controller }) => {
    const mount = mounts.find(matches);
    const ownPath = memberships
      .find((fields) => fields.length >= 3 && fields[1] === controller)
      ?.slice(2)
      .join(':');
    if (mount === undefined || ownPath === undefined || !ownPath.startsWith(mount.root)) return [];
    const inside = ownPath.slice(mount.root.length).replace(/^\/?/, '/');
    return [{ ownDirectory: `${mount.point}${inside === '/' ? '' : inside}`, ownPath }];
  });
}

/** The pids in a cgroup and in every cgroup below it (a process of the trial may make one and move into it). */
export function listCgroupPids(cgroup: CgroupReference): number[] {
  return listCgroupTree(cgroup.directory).flatMap((directory) => (readProcFile(`${directory}/cgroup.procs`) ?? '').split('\n').filter(Boolean).map(Number));
}

/** The cgroup's folder and every folder below it, the deepest first, the order in which they can be removed. */
export function listCgroupTree(directory: string): string[] {
  try {
    const children = readdirSync(directory, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    return [...children.flatMap((child) => listCgroupTree(`${directory}/${child.name}`)), directory];
  } catch {
    return [];
  }
}

/** Whether the process sits in the cgroup, or in one below it, now, as its own /proc/<pid>/cgroup says. */
export function isInCgroup(pid: number, cgroup: CgroupReference): boolean {
  return (readProcFile(`/proc/${pid}/cgroup`) ?? '').split('\n').some((line) => {
    const path = line.split(':').slice(2).join(':');
    return path === cgroup.relativePath || path.startsWith(`${cgroup.relativePath}/`);
  });
}

interface Mount {
  readonly root: string;
  readonly point: string;
  readonly type: string;
  readonly options: string;
}

/** `36 25 0:31 / /sys/fs/cgroup/pids rw,relatime shared:1 - cgroup cgroup rw,pids` */
function parseMount(line: string): Mount | null {
  const [before, after] = line.split(' - ');
  const fields = before?.split(' ') ?? [];
  const [type, , options] = after?.split(' ') ?? [];
  if (fields[3] === undefined || fields[4] === undefined || type === undefined) return null;
  return { root: fields[3], point: fields[4], type, options: options ?? '' };
}

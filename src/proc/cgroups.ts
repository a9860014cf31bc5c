import { readProcFile } from './read-proc-file.ts';

/** A cgroup, by its folder in the cgroup file system and by the path /proc/<pid>/cgroup shows for it. */
export interface CgroupReference {
  readonly directory: string;
  readonly relativePath: string;
}

/**
 * The cgroup hierarchy this process's own cgroup can be found in, for sub-cgroups of its own: the unified (v2) one,
 * which has no controller in a hybrid set-up and changes nothing of a process it holds, else the v1 `pids` one.
 */
export interface CgroupHierarchy {
  /** The folder of this process's own cgroup. */
  readonly ownDirectory: string;
  readonly ownPath: string;
}

export function findOwnCgroupHierarchy(): CgroupHierarchy | null {
  const mounts = (readProcFile('/proc/self/mountinfo') ?? '').split('\n').map(parseMount);
  const memberships = (readProcFile('/proc/self/cgroup') ?? '').split('\n').map((line) => line.split(':'));
  for (const [matches, controller] of [[(mount: Mount) => mount.type === 'cgroup2', ''], [(mount: Mount) => mount.type === 'cgroup' && mount.options.split(',').includes('pids'), 'pids']] as const) {
    const mount = mounts.find((candidate) => candidate !== null && matches(candidate));
    const membership = memberships.find((fields) => fields.length >= 3 && fields[1] === controller);
    const ownPath = membership?.slice(2).join(':');
    if (mount === undefined || mount === null || ownPath === undefined || !ownPath.startsWith(mount.root)) continue;
    const inside = ownPath.slice(mount.root.length).replace(/^\/?/, '/');
    return { ownDirectory: `${mount.point}${inside === '/' ? '' : inside}`, ownPath };
  }
  return null;
}

/** The pids in a cgroup (its cgroup.procs); empty when it cannot be read. */
export function listCgroupPids(cgroup: CgroupReference): number[] {
  return (readProcFile(`${cgroup.directory}/cgroup.procs`) ?? '').split('\n').filter(Boolean).map(Number);
}

/** Whether the process sits in the cgroup now, as its own /proc/<pid>/cgroup says. */
export function isInCgroup(pid: number, cgroup: CgroupReference): boolean {
  return (readProcFile(`/proc/${pid}/cgroup`) ?? '').split('\n').some((line) => line.endsWith(`:${cgroup.relativePath}`));
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

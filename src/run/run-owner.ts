import { readFileSync } from 'node:fs';

/**
 * Every host carries, besides its trial's marker, the harness process that owns it as `<pid>:<start time>`. The
 * start time (in clock ticks since boot) tells a living owner from an unrelated process that got its pid later.
 */
export const OWNER_VARIABLE = 'ISOLATION_HARNESS_OWNER';

export function describeOwner(pid = process.pid): string {
  return `${pid}:${readStartTime(pid) ?? 'unknown'}`;
}

/** False once the owning harness has died, even if its pid now belongs to another process. */
export function ownerAlive(owner: string): boolean {
  const [pid, startTime] = owner.split(':');
  return pid !== undefined && /^\d+$/.test(pid) && readStartTime(Number(pid)) === startTime;
}

/** Field 22 of /proc/<pid>/stat, counted after the command, which may itself contain spaces. */
function readStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

import { readProcessStat } from '../linux-proc/process-stat.ts';

/**
 * Every host carries, besides its trial's marker, the harness process that owns it as `<pid>:<start time>`. The
 * start time (in clock ticks since boot) tells a living owner from an unrelated process that got its pid later.
 */
export const OWNER_VARIABLE = 'ISOLATION_HARNESS_OWNER';

export function describeOwner(pid = process.pid): string {
  return `${pid}:${readProcessStat(pid)?.startTime ?? 'unknown'}`;
}

/**
 * The journal in each run folder of every process the run found (one JSON line `{ pid, startTime, command }` each),
 * written by the harness and by its hosts (the orphans they take in): the next run reaps them should both die.
 */
export const PROCESS_JOURNAL = 'processes';

/** False once the owning harness has died, even if its pid now belongs to another process. */
export function ownerAlive(owner: string): boolean {
  const [pid, startTime] = owner.trim().split(':');
  return pid !== undefined && /^\d+$/.test(pid) && String(readProcessStat(Number(pid))?.startTime) === startTime;
}

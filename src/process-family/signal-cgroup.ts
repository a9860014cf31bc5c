import { listCgroupPids } from '../linux-proc/cgroups.ts';
import { readProcessStat } from '../linux-proc/process-stat.ts';
import type { ProcessFamily } from './process-family.ts';
import { signalEachOfFamily } from './signal-gate.ts';

/**
 * Sends the signal to every process of the family's cgroup but this one (the host, which the cgroup holds too), each
 * through the family gate, as systemd's control-group kill does: read the cgroup, signal what is new, read it again,
 * until a reading holds nothing new (a process forked meanwhile gets it too). Returns how many it signalled.
 */
export function signalCgroup(family: ProcessFamily, signal: NodeJS.Signals): number {
  const cgroup = family.cgroup;
  if (cgroup === null) throw new Error(`a cgroup step for ${family.marker}, whose host has no cgroup; planning should have made it not applicable`);
  const signalled = new Set<number>();
  for (;;) {
    const fresh = listCgroupPids(cgroup).filter((pid) => pid !== process.pid && !signalled.has(pid));
    if (fresh.length === 0) return signalled.size;
    // A pid the gate refuses (gone, or a zombie) is not read again either.
    for (const pid of fresh) signalled.add(pid);
    signalEachOfFamily(fresh, signal, family);
  }
}

/** Whether the family's cgroup still holds a living process besides this one: what a unit's stop waits for. */
export function cgroupHoldsOthers(family: ProcessFamily): boolean {
  if (family.cgroup === null) return false;
  return listCgroupPids(family.cgroup).some((pid) => pid !== process.pid && isAlive(pid));
}

/** Dead but not yet reaped is dead: a zombie ends nothing more by being waited for. */
function isAlive(pid: number): boolean {
  const stat = readProcessStat(pid);
  return stat !== null && stat.state !== 'Z';
}

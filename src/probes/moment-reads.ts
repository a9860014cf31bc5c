import { type DescriptorTable, readDescriptorTable } from '../proc/descriptor-table.ts';
import { type FamilyScan, scanFamily } from '../processes/scan-family.ts';
import type { ProbeTarget } from './probe.ts';

/**
 * What several probes read from /proc at one moment, read at most once for all of them: scanning every process
 * is most of a snapshot's cost, and the processes, temp-files, sockets and locks probes each need the trial's processes.
 */
export interface MomentReads {
  trialProcesses(): FamilyScan;
  descriptorTable(pid: number): DescriptorTable | null;
}

export function createMomentReads(target: ProbeTarget): MomentReads {
  let processes: FamilyScan | undefined;
  const tables = new Map<number, DescriptorTable | null>();
  return {
    trialProcesses: () => (processes ??= scanFamily(target.family)),
    descriptorTable(pid) {
      if (!tables.has(pid)) tables.set(pid, readDescriptorTable(pid));
      return tables.get(pid) ?? null;
    },
  };
}

/** The reads the snapshot shares, or fresh ones when a probe is asked on its own. */
export function readsOf(target: ProbeTarget): MomentReads {
  return target.reads ?? createMomentReads(target);
}

/** The living processes of a trial, its host among them: what probes of per-process tables (sockets, locks) read. */
export function trialPidsOf(target: ProbeTarget): Set<number> {
  const pids = new Set(readsOf(target).trialProcesses().livingPids);
  pids.add(target.hostPid);
  if (target.childPid !== null) pids.add(target.childPid);
  return pids;
}

import { type DescriptorTable, readDescriptorTable } from '../linux-proc/descriptor-table.ts';
import { type FamilyScan, scanFamily, type ScanOptions } from '../process-family/scan-family.ts';
import type { MomentReads, ProbeTarget } from './probe.ts';

/** The reads of one snapshot, shared by its probes (see MomentReads); `scan` says how its processes are found. */
export function createMomentReads(target: ProbeTarget, scan: ScanOptions = {}): MomentReads {
  let processes: FamilyScan | undefined;
  const tables = new Map<number, DescriptorTable | null>();
  return {
    trialProcesses: () => (processes ??= scanFamily(target.family, scan)),
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

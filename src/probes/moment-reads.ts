import { type DescriptorTable, readDescriptorTable } from './descriptor-table.ts';
import type { ProbeTarget } from './probe.ts';
import { scanTrialProcesses, type TrialProcesses } from './trial-processes.ts';

/**
 * What several probes read from /proc at one moment, read at most once for all of them: scanning every process
 * is most of a snapshot's cost, and the processes, sockets and locks probes each need the trial's processes.
 */
export interface MomentReads {
  trialProcesses(): TrialProcesses;
  descriptorTable(pid: number): DescriptorTable | null;
}

export function createMomentReads(target: ProbeTarget): MomentReads {
  let processes: TrialProcesses | undefined;
  const tables = new Map<number, DescriptorTable | null>();
  return {
    trialProcesses: () => (processes ??= scanTrialProcesses(target)),
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

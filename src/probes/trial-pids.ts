import { readsOf } from './moment-reads.ts';
import type { ProbeTarget } from './probe.ts';

/**
 * The living processes of a trial: its host, its child and every process carrying its marker (grandchildren,
 * re-parented ones included). Probes that read per-process tables (sockets, locks) look at exactly these.
 */
export function findTrialPids(target: ProbeTarget): Set<number> {
  return readsOf(target).trialProcesses().pids;
}

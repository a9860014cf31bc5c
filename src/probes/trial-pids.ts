import { findMarkedProcesses, type MarkedProcess } from '../marker/find-marked-processes.ts';
import type { ProbeTarget } from './probe.ts';

/**
 * The living processes of a trial: its host, its child and every process carrying its marker (grandchildren,
 * re-parented ones included). Probes that read per-process tables (sockets, locks) look at exactly these.
 */
export function findTrialPids(target: ProbeTarget): Set<number> {
  return trialPidsOf(target, findMarkedProcesses(target.trialId));
}

/** The same set, from a list of marked processes the caller has already read. */
export function trialPidsOf(target: ProbeTarget, marked: readonly MarkedProcess[]): Set<number> {
  const pids = new Set(marked.filter((found) => found.state !== 'Z').map((found) => found.pid));
  pids.add(target.hostPid);
  if (target.childPid !== null) pids.add(target.childPid);
  return pids;
}

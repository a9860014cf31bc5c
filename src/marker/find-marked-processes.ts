import { MARKER_VARIABLE, markerBelongsTo } from './marker.ts';
import { listPids, type ProcessStatus, readEnvironmentVariable, readProcessStatus } from './proc.ts';

export interface MarkedProcess extends ProcessStatus {
  readonly trialId: string;
}

/** Living processes whose environment carries the marker of the given run or trial (zombies have none to read). */
export function findMarkedProcesses(runOrTrialId: string): MarkedProcess[] {
  const found: MarkedProcess[] = [];
  for (const pid of listPids()) {
    if (pid === process.pid) continue;
    const trialId = readEnvironmentVariable(pid, MARKER_VARIABLE);
    if (trialId === null || !markerBelongsTo(trialId, runOrTrialId)) continue;
    const status = readProcessStatus(pid);
    if (status !== null) found.push({ ...status, trialId });
  }
  return found;
}

/** True if the pid still belongs to this run: checked right before every signal, so a recycled pid is never hit. */
export function stillMarked(pid: number, runOrTrialId: string): boolean {
  const trialId = readEnvironmentVariable(pid, MARKER_VARIABLE);
  return trialId !== null && markerBelongsTo(trialId, runOrTrialId);
}

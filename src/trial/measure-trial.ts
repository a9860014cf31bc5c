import type { HostEvent, MutexState } from '../host/host-messages.ts';
import type { ProbeTarget } from '../probes/probe.ts';
import { compareAll, type Snapshots, takeSnapshots } from '../probes/probes.ts';
import { readLogLines, type TrialDirectory } from './trial-directory.ts';
import { hasLeftovers, type TrialKey, type TrialResult } from './trial-result.ts';

/** How the work ended, as the harness learned it. */
export type TrialEnd =
  | { kind: 'stopped'; event: Omit<Extract<HostEvent, { type: 'work-stopped' }>, 'type'> }
  | { kind: 'hung'; phase: 'start' | 'stop'; mutex: MutexState }
  | { kind: 'errored'; error: string };

export interface TrialMeasurement {
  readonly key: TrialKey;
  readonly directory: TrialDirectory;
  readonly workloadUrl: string;
  readonly target: ProbeTarget;
  readonly before: Snapshots;
  /** Taken when the workload called ready(); null when it never did. */
  readonly atReady: Snapshots | null;
}

/** Takes the after-snapshots and reads the workload's logs; the data check comes later, once the trial's processes are dead. */
export async function measureTrial(measurement: TrialMeasurement, end: TrialEnd): Promise<TrialResult> {
  const { key, directory } = measurement;
  if (end.kind === 'errored') return { ...key, outcome: 'errored', error: end.error };
  const leftovers = await compareAll(measurement.before, measurement.atReady, takeSnapshots(measurement.target));
  const cleanupSteps = readLogLines(directory.cleanupLog);
  const measured = { ...key, leftovers, cleanupSteps, cleanupRan: cleanupSteps.length > 0, integrity: null };
  if (end.kind === 'hung') return { ...measured, outcome: 'hung', phase: end.phase, sharedMutex: end.mutex, stopMs: null };
  const { event } = end;
  return {
    ...measured,
    outcome: hasLeftovers(leftovers) || event.mutex === 'held' ? 'leaked' : 'stopped',
    sharedMutex: event.mutex,
    exit: { code: event.exitCode, signal: event.signal, error: event.error },
    endedBy: event.endedBy,
    stopMs: event.stopMs,
    reportedMs: event.reportedMs,
  };
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { HostEvent, MutexState } from '../host/host-messages.ts';
import type { ProbeTarget } from '../probes/probe.ts';
import { compareAll, type Snapshots, takeSnapshots } from '../probes/probes.ts';
import { sectionAtStop } from '../entry/critical-sections.ts';
import { readLogLines, type TrialDirectory } from './trial-directory.ts';
import { hasLeftovers, type KillPoint, type TrialKey, type TrialResult } from '../record/trial-result.ts';

/** How the work ended, as the harness learned it. */
export type TrialEnd =
  | { kind: 'stopped'; event: Omit<Extract<HostEvent, { type: 'work-stopped' }>, 'type'> }
  | { kind: 'hung'; phase: 'start' | 'stop'; mutex: MutexState }
  | { kind: 'errored'; error: string };

export interface TrialMeasurement {
  readonly key: TrialKey;
  readonly killPoint: KillPoint;
  readonly directory: TrialDirectory;
  readonly workloadUrl: string;
  /** false when the workload cannot mark its cleanup: cleanupRan is then null, not false. */
  readonly reportsCleanup: boolean;
  readonly target: ProbeTarget;
  readonly before: Snapshots;
  /** Taken when the workload called ready(); null when it never did. */
  readonly atReady: Snapshots | null;
  /** Spawn latency, from the host; null when the workload never called ready(). */
  readonly startMs: number | null;
  readonly workMemoryBytes: number | null;
}

/**
 * How long the harness keeps probing a stopped trial for its resources to be released (a zombie reaped, a handle
 * closed after the exit) before what is still there counts as left behind.
 */
const RELEASE_WINDOW_MS = 250;
const RELEASE_POLL_MS = 10;

/** Takes the after-snapshots and reads the workload's logs; the data check comes later, once the trial's processes are dead. */
export async function measureTrial(measurement: TrialMeasurement, end: TrialEnd): Promise<TrialResult> {
  const { key } = measurement;
  if (end.kind === 'errored') return { ...key, outcome: 'errored', error: end.error };
  if (end.kind === 'hung') return { ...(await probeOnce(measurement)), outcome: 'hung', phase: end.phase, sharedMutex: end.mutex, stopMs: null };
  const { event } = end;
  const { leftovers, releasedMs } = await waitForRelease(measurement, event.killRequestedEpochMs);
  return {
    ...readTrialLogs(measurement),
    leftovers,
    outcome: hasLeftovers(leftovers) || event.mutex === 'held' ? 'leaked' : 'stopped',
    sharedMutex: event.mutex,
    exit: { code: event.exitCode, signal: event.signal, error: event.error },
    endedBy: event.endedBy,
    stopMs: event.stopMs,
    reportedMs: event.reportedMs,
    releasedMs,
  };
}

/** Probes until nothing is left or the window closes; releasedMs counts from the kill request on the wall clock. */
async function waitForRelease(measurement: TrialMeasurement, killRequestedEpochMs: number) {
  const deadline = performance.now() + RELEASE_WINDOW_MS;
  for (;;) {
    const leftovers = await compareAll(measurement.before, measurement.atReady, takeSnapshots(measurement.target));
    if (!hasLeftovers(leftovers)) return { leftovers, releasedMs: performance.timeOrigin + performance.now() - killRequestedEpochMs };
    if (performance.now() >= deadline) return { leftovers, releasedMs: null };
    await sleep(RELEASE_POLL_MS);
  }
}

async function probeOnce(measurement: TrialMeasurement) {
  const leftovers = await compareAll(measurement.before, measurement.atReady, takeSnapshots(measurement.target));
  return { ...readTrialLogs(measurement), leftovers };
}

/** What every measured trial records besides its leftovers: where it was killed, what it cost to start, what cleanup ran. */
function readTrialLogs({ key, killPoint, directory, reportsCleanup, startMs, workMemoryBytes }: TrialMeasurement) {
  const cleanupSteps = readLogLines(directory.cleanupLog);
  return {
    ...key,
    killPoint,
    killedInSection: sectionAtStop(readLogLines(directory.sectionLog)),
    startMs,
    workMemoryBytes,
    cleanupSteps,
    cleanupRan: reportsCleanup ? cleanupSteps.length > 0 : null,
    integrity: null,
  };
}

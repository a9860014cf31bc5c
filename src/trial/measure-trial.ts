import { setTimeout as sleep } from 'node:timers/promises';
import type { HostEvent, SharedState, StopMoment, WorkActivities } from '../host/host-messages.ts';
import type { ProcessMemory } from '../linux-proc/process-memory.ts';
import type { Leftover, Probe, ProbeTarget } from '../probes/probe.ts';
import { fdsProbe } from '../probes/fds.ts';
import { locksProbe } from '../probes/locks.ts';
import { compareSnapshots } from '../probes/probe.ts';
import { processesProbe } from '../probes/processes.ts';
import { compareAll, type Leftovers, type Snapshots, takeSnapshots } from '../probes/probes.ts';
import { sectionAtStop } from '../entry/critical-sections.ts';
import { readLogLines } from '../files/log-lines.ts';
import type { TrialDirectory } from './trial-directory.ts';
import type { ParentExit } from '../record/parent-exit.ts';
import { checkSharedMemory } from './check-integrity.ts';
import { type LeftoverItem, type LeftoverLifetime, listLeftoverItems } from '../probes/leftover-items.ts';
import { hasLeftovers, type HeldAtReady, type KillPoint, type StoppedTrial, type TrialKey, type TrialResult } from '../record/trial-result.ts';

/** How the work ended, as the harness learned it. */
export type TrialEnd =
  | { kind: 'stopped'; event: Omit<Extract<HostEvent, { type: 'work-stopped' }>, 'type'> }
  | ({ kind: 'hung'; phase: 'start' | 'stop'; parent?: ParentExit } & SharedState & WorkActivities & Partial<StopMoment>)
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
  readonly workMemory: ProcessMemory | null;
  /** How long after the kill what a stop left is watched, to tell what goes away by itself from what stays (0: not at all). */
  readonly lingerMs: number;
}

/**
 * How long the harness keeps probing a stopped trial for its resources to be released (a zombie reaped, a handle
 * closed after the exit) before what is still there counts as left behind.
 */
const RELEASE_WINDOW_MS = 250;
const RELEASE_POLL_MS = 10;

/**
 * A trial as measured once its stop was seen and the release window closed, and, when processes of the trial were
 * still alive then, the watch of what it left, under way: how long each thing lived (see watchLifetimes).
 */
export interface Measured {
  readonly result: TrialResult;
  readonly lingering: Promise<LeftoverLives> | null;
  /** The host's watch of itself as the work's parent, which goes on after the stop was reported; absent when none runs. */
  readonly parent?: Promise<Partial<ParentExit>>;
}

/** What the watch of a stop's leftovers adds to the trial's result. */
export type LeftoverLives = Required<Pick<StoppedTrial, 'lifetimes' | 'watchedMs'>>;

/** Takes the after-snapshots and reads the workload's logs; the data check comes later, once the trial's processes are dead. */
export async function measureTrial(measurement: TrialMeasurement, end: TrialEnd): Promise<Measured> {
  const { key } = measurement;
  if (end.kind === 'errored') return { result: { ...key, outcome: 'errored', error: end.error }, lingering: null };
  if (end.kind === 'hung') {
    const { phase, mutex, workAtStop, workAtHang } = end;
    const sharedMemory = await checkSharedMemory(measurement.workloadUrl, end.sharedMemory);
    const result: TrialResult = {
      ...(await probeOnce(measurement, end.sectionLogBytesAtStop)),
      outcome: 'hung',
      phase,
      sharedMutex: mutex,
      sharedMemory,
      workAtStop,
      stopMs: null,
      workAtHang,
      ...end.parent,
    };
    return { result, lingering: null };
  }
  const { event } = end;
  const { leftovers, releasedMs } = await waitForRelease(measurement, event.killRequestedEpochMs);
  // Only a living process can still change what is left: without one, there is nothing to watch.
  const lingering = releasedMs === null && (leftovers.processes?.total ?? 0) > 0 ? watchLifetimes(measurement, leftovers, event.killRequestedEpochMs) : null;
  const result: TrialResult = {
    ...readTrialLogs(measurement, event.sectionLogBytesAtStop),
    leftovers,
    heldAtReady: await measureHeldAtReady(measurement),
    outcome: hasLeftovers(leftovers) || event.mutex === 'held' ? 'leaked' : 'stopped',
    sharedMutex: event.mutex,
    sharedMemory: await checkSharedMemory(measurement.workloadUrl, event.sharedMemory),
    workAtStop: event.workAtStop,
    exit: { code: event.exitCode, signal: event.signal, error: event.error },
    endedBy: event.endedBy,
    ...(event.endedByStep === undefined ? {} : { endedByStep: event.endedByStep }),
    stopMs: event.stopMs,
    reportedMs: event.reportedMs,
    releasedMs,
  };
  return { result, lingering };
}

/** Probes until nothing is left or the window closes; releasedMs counts from the kill request on the wall clock. */
async function waitForRelease(measurement: TrialMeasurement, killRequestedEpochMs: number) {
  const deadline = performance.now() + RELEASE_WINDOW_MS;
  // The first look after the stop reads the whole process table once; the window's later ones walk the trial's tree.
  for (let first = true; ; first = false) {
    const leftovers = await compareAll(measurement.before, measurement.atReady, takeSnapshots(measurement.target, { whole: first }));
    if (!hasLeftovers(leftovers)) return { leftovers, releasedMs: performance.timeOrigin + performance.now() - killRequestedEpochMs };
    if (performance.now() >= deadline || !mayStillBeReleased(leftovers)) return { leftovers, releasedMs: null };
    await sleep(RELEASE_POLL_MS);
  }
}

/** How long after the kill what a stop left is watched by default (`--linger`): a lingering service child takes about a second. */
export const DEFAULT_LINGER_MS = 2_500;
/** How often what a stop left is looked at again while it is watched. */
const LINGER_POLL_MS = 50;

/**
 * Watches what the stop left, for up to `lingerMs` from the kill, while a process of the trial still lives (only a
 * living process can still remove its files, free its ports and locks, or end): what goes away by itself meanwhile
 * (a service child that exits a moment after its parent was killed) gets the time it went, the rest null (it was
 * still there; the harness then removed it). Every item of the leftovers gets a lifetime.
 */
async function watchLifetimes(measurement: TrialMeasurement, leftovers: Leftovers, killRequestedEpochMs: number): Promise<LeftoverLives> {
  const sinceKill = () => performance.timeOrigin + performance.now() - killRequestedEpochMs;
  const gone = new Map<string, number>();
  const itemKey = (item: LeftoverItem) => `${item.probe}\u0000${item.item}`;
  const left = listLeftoverItems(leftovers);
  let survivors = leftovers.processes?.total ?? 0;
  while (survivors > 0 && gone.size < left.length && sinceKill() < measurement.lingerMs) {
    await sleep(Math.min(LINGER_POLL_MS, Math.max(0, measurement.lingerMs - sinceKill())));
    const now = await compareAll(measurement.before, measurement.atReady, takeSnapshots(measurement.target));
    const present = new Set(listLeftoverItems(now).map(itemKey));
    for (const item of left) if (!present.has(itemKey(item)) && !gone.has(itemKey(item))) gone.set(itemKey(item), sinceKill());
    survivors = now.processes?.total ?? 0;
  }
  const lifetimes: LeftoverLifetime[] = left.map((item) => ({ ...item, goneAfterMs: gone.get(itemKey(item)) ?? null }));
  return { lifetimes, watchedMs: sinceKill() };
}

/**
 * Whether waiting can still change what is left: only the kernel releasing what a process held (a zombie reaped,
 * descriptors and sockets closed, memory returned) or a living process of the trial can. With none of those left,
 * the files and lock folders that remain have nobody left to remove them.
 */
function mayStillBeReleased({ processes, fds, sockets, memory }: Leftovers): boolean {
  return [processes, fds, sockets, memory].some((found) => found === null || found.total > 0) || (processes?.zombies ?? 0) > 0;
}

async function probeOnce(measurement: TrialMeasurement, sectionLogBytesAtStop?: number) {
  const leftovers = await compareAll(measurement.before, measurement.atReady, takeSnapshots(measurement.target, { whole: true }));
  return { ...readTrialLogs(measurement, sectionLogBytesAtStop), leftovers, heldAtReady: await measureHeldAtReady(measurement) };
}

/** What the work held at ready(), from the snapshots already taken: before the start against at ready. */
async function measureHeldAtReady({ before, atReady }: TrialMeasurement): Promise<HeldAtReady | null> {
  if (atReady === null) return null;
  const fds = await compareSnapshots(fdsProbe, before.fds, null, atReady.fds);
  const count = async <Snapshot>(probe: Probe<Snapshot, Leftover>, earlier: Snapshot | null, later: Snapshot | null) =>
    (await compareSnapshots(probe, earlier, null, later))?.total ?? null;
  return {
    // Files and sockets only: a worker's own event loop brings pipes, an eventfd and an epoll into its host.
    fds: fds === null ? null : fds.byKind.file + fds.byKind.socket,
    sockets: fds?.byKind.socket ?? null,
    processes: await count(processesProbe, before.processes, atReady.processes),
    locks: await count(locksProbe, before.locks, atReady.locks),
  };
}

/** What every measured trial records besides its leftovers: where it was killed, what it cost to start, what cleanup ran. */
function readTrialLogs({ key, killPoint, directory, reportsCleanup, startMs, workMemory }: TrialMeasurement, sectionLogBytesAtStop?: number) {
  const cleanupSteps = readLogLines(directory.cleanupLog);
  return {
    ...key,
    killPoint,
    // The log as it stood when the stop came: a cooperative stop's cleanup leaves its section afterwards.
    killedInSection: sectionAtStop(readLogLines(directory.sectionLog, sectionLogBytesAtStop)),
    startMs,
    workMemory,
    cleanupSteps,
    cleanupRan: reportsCleanup ? cleanupSteps.length > 0 : null,
    integrity: null,
  };
}

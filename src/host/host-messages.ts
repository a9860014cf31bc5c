import type { WorkloadSpec } from '../entry/messages.ts';
import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import type { StopStep } from '../kill-styles/stop-steps.ts';
import type { CgroupReference } from '../linux-proc/cgroups.ts';
import type { FamilyMember } from '../process-family/process-family.ts';
import type { ErroredTrial, KillPoint, MutexState, WorkActivity } from '../record/trial-result.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { ParentExit } from '../record/parent-exit.ts';
import type { SubreaperState } from './subreaper.ts';

/** Everything the host needs to run one trial. */
export interface HostedTrial {
  /** The trial's marker: the host puts it in its environment, so every process started for this trial carries it. */
  readonly trialId: string;
  readonly runtime: RuntimeName;
  readonly kill: KillStyleName;
  readonly spec: WorkloadSpec;
  readonly controlDir: string;
  /** The host's own cgroup, when the harness could give it one: every process of the trial is in it. */
  readonly cgroup: CgroupReference | null;
  /** How long the workload may take to call ready(). */
  readonly startTimeoutMs: number;
  /** How long the work may take to end once the kill is applied. */
  readonly stopTimeoutMs: number;
  /** How long abort-then-force waits before it forces. */
  readonly graceMs: number;
  /** The runtime's own deadline for the timeout kill style, from the start of the work. */
  readonly deadlineMs: number;
  /** When, after ready(), the kill is applied. */
  readonly killPoint: KillPoint;
  readonly memoryLimitMb: number;
  /** A sequence style's steps, each wait in ms (--grace resolved), for a host that runs them as they come (Python's). */
  readonly steps?: readonly StopStep[];
  /** How long after the kill the host watches whether it, the work's parent, could go on (`--linger`). */
  readonly lingerMs: number;
}

/**
 * The harness starts the trial, takes its at-ready snapshot, then orders the kill; between cycles (--cycles) it has a
 * Node.js host collect its garbage before it reads the host's memory.
 */
export type HostCommand = { type: 'start'; trial: HostedTrial } | { type: 'kill' } | { type: 'collect-garbage' };

/** `context.sharedMemory` as the host read it once the work ended: a worker's slots, or why there are none to read. */
export type SharedMemoryReading = { readonly read: true; readonly slots: readonly number[] } | { readonly read: false; readonly reason: string };

/** What the host reads of the work's shared memory after the stop (or at the stop timeout). */
export interface SharedState {
  readonly mutex: MutexState;
  readonly sharedMemory: SharedMemoryReading;
}

/** What the work's thread was doing when the stop was delivered, and when the trial was declared hung. */
export interface WorkActivities {
  readonly workAtStop: WorkActivity | null;
  readonly workAtHang: WorkActivity | null;
}

/** How far the workload's section log ran when the stop came (bytes), so the section it was in then can be read back. */
export interface StopMoment {
  readonly sectionLogBytesAtStop: number;
}

/** What the host saw of the trial at the kill and when the work ended: its processes, and outside files they held open. */
export interface HostSightings {
  readonly processes: FamilyMember[];
  readonly heldFiles: string[];
  /** Pids of living orphans the host took in as its trials' subreaper (see src/host/subreaper.ts). */
  readonly adopted?: number[];
}

/** What the host tells the harness; times are milliseconds from the kill request. */
export type HostEvent =
  /**
   * `engine` is the engine a Node.js-runtimes host runs on (Node.js, Bun or Deno) and its release, as it says itself:
   * the harness checks it runs on the one it was started for (a Python host sends none). `containment` says whether
   * the host became its trials' child subreaper, or why not.
   */
  | { type: 'host-ready'; engine?: { name: string; version: string }; containment?: SubreaperState }
  /** After collect-garbage: the host's heap holds only what it retains. */
  | { type: 'garbage-collected' }
  | { type: 'work-ready'; childPid: number | null; osThreadId: number; startMs: number }
  /** For host-death: the work reached its kill point, and the harness may now kill the host. */
  | { type: 'kill-point-reached' }
  | (HostSightings & {
      type: 'work-stopped';
      exitCode: number | null;
      signal: string | null;
      error: string | null;
      stopMs: number;
      reportedMs: number | null;
      /** The kill request on the wall clock (performance.timeOrigin + now), comparable across processes. */
      killRequestedEpochMs: number;
      endedBy: string | null;
      /** A sequence's: the place of that step, from 1. */
      endedByStep?: number;
    } & SharedState &
      StopMoment &
      Pick<WorkActivities, 'workAtStop'>)
  /**
   * After work-stopped, once the host, the work's parent, could go on or the watch's time was up (see
   * src/host/parent-watch.ts); `reportedMs` when the runtime's own promise, unsettled at work-stopped, settled meanwhile.
   */
  | ({ type: 'parent-released'; reportedMs?: number } & ParentExit)
  /** `parent`: what held the host at the stop timeout; absent when it was not read (phase `start`, a Python host). */
  | ({ type: 'work-hung'; phase: 'start' | 'stop'; parent?: ParentExit } & SharedState & WorkActivities & Partial<HostSightings> & Partial<StopMoment>)
  /** `cause` names a failure the harness answers: a `timeout` deadline that fired before ready() is tried again with a longer one. */
  | { type: 'work-failed'; message: string; cause?: ErroredTrial['cause'] };

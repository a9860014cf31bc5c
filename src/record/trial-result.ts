import type { MutexState } from '../host/host-messages.ts';
import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import type { IntegrityCheck } from '../workload/define-workload.ts';
import type { Leftovers } from '../probes/probes.ts';
import type { RuntimeName } from '../runtime/runtime.ts';

/** The cell and repetition a trial belongs to. */
export interface TrialKey {
  readonly runtime: RuntimeName;
  readonly kill: KillStyleName;
  readonly workload: string;
  /** 1-based repetition number within the cell. */
  readonly trial: number;
}

/**
 * When the kill is applied after ready(): after a delay drawn from the run's seed, or the moment the workload
 * enters a critical section it named (a targeted kill: "killed while holding the lock" every time, not by luck).
 */
export type KillPoint =
  | { readonly kind: 'delay'; readonly delayMs: number }
  /** Inside the section, at its first entry once `afterMs` have passed since ready(). */
  | { readonly kind: 'section'; readonly section: string; readonly afterMs: number }
  /** `timeout`: the runtime's own deadline, counted from the start of the work, decides when the kill lands. */
  | { readonly kind: 'deadline'; readonly afterStartMs: number };

/** How the stopped work exited, as its runtime reported it. */
export interface TrialExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly error: string | null;
}

interface MeasuredTrial extends TrialKey {
  readonly killPoint: KillPoint;
  /** The critical section the workload was inside when it stopped, from its own section log; null when none. */
  readonly killedInSection: string | null;
  /** From asking the runtime to start the work until the workload called ready(); null when it never did. */
  readonly startMs: number | null;
  /**
   * Memory the work added at ready(): the host's RSS growth for a thread (its memory is the host's), the child's
   * own RSS plus the host's growth for a process; null when it could not be read.
   */
  readonly workMemoryBytes: number | null;
  readonly leftovers: Leftovers;
  /** Cleanup steps the workload marked, in order; empty when none ran. */
  readonly cleanupSteps: string[];
  /** null when the workload gives the harness no way to see its cleanup (a task module without a cleanup export). */
  readonly cleanupRan: boolean | null;
  /** What the workload's verify() found of its acknowledged data; null for workloads that write none. */
  readonly integrity: IntegrityCheck | null;
  /** Whether the host could take the worker's shared mutex after the stop; null in a child, whose memory is its own. */
  readonly sharedMutex: MutexState;
}

/** The kill ended the work; `leaked` when any probe found something left behind. */
export interface StoppedTrial extends MeasuredTrial {
  readonly outcome: 'stopped' | 'leaked';
  readonly exit: TrialExit;
  /** For escalating styles, the step that ended the work (`abort` or `force`); null otherwise. */
  readonly endedBy: string | null;
  /** From the kill request until the OS showed the work gone (thread ended, child reaped). */
  readonly stopMs: number;
  /** From the kill request until the runtime's own promise settled; null if it never settled. */
  readonly reportedMs: number | null;
  /**
   * From the kill request until the probes found nothing left (they retry for a short window after the stop);
   * null when something was still left at the end of that window. An upper bound: the first probe runs only once
   * the harness has heard of the stop from the host.
   */
  readonly releasedMs: number | null;
}

/** The work did not end within the stop timeout (or never became ready); its host was SIGKILLed. */
export interface HungTrial extends MeasuredTrial {
  readonly outcome: 'hung';
  readonly phase: 'start' | 'stop';
  readonly stopMs: null;
}

/** The trial could not run as planned: the workload failed before ready(), or the host died. */
export interface ErroredTrial extends TrialKey {
  readonly outcome: 'errored';
  readonly error: string;
}

/** The kill style has no meaning in this runtime. */
export interface NotApplicableTrial extends TrialKey {
  readonly outcome: 'not-applicable';
  readonly reason: string;
}

export type TrialResult = StoppedTrial | HungTrial | ErroredTrial | NotApplicableTrial;
export type TrialOutcome = TrialResult['outcome'];

export function hasLeftovers(leftovers: Leftovers): boolean {
  return Object.values(leftovers).some((found) => found !== null && found.total > 0);
}

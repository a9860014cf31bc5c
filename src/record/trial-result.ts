import type { EngineKey } from '../engines/engine-target.ts';
import type { ProcessMemory } from '../linux-proc/process-memory.ts';
import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import type { IntegrityCheck } from '../workload/define-workload.ts';
import type { LeftoverLifetime } from '../probes/leftover-items.ts';
import type { ParentExit } from './parent-exit.ts';
import type { Leftovers } from '../probes/probes.ts';
import type { RuntimeName } from '../runtime/runtime.ts';

/** The cell and repetition a trial belongs to. */
export interface TrialKey {
  readonly runtime: RuntimeName;
  readonly kill: KillStyleName;
  readonly workload: string;
  /** 1-based repetition number within the cell. */
  readonly trial: number;
  /**
   * The engine the trial's host ran on, for a run given --engine or --node (its engines are in the plan's `engines`):
   * its name, its release and its label, the matrix's key; absent otherwise, when every host ran on the harness's own Node.js.
   */
  readonly engine?: EngineKey;
}

/** One string per cell (workload, kill style, runtime and engine), for grouping and matching cells. */
export function cellId(key: Omit<TrialKey, 'trial'>): string {
  return JSON.stringify([key.workload, key.kill, key.runtime, key.engine?.label ?? null]);
}

/** "journal-writer / sigkill / process", with " / bun 1.4" for a run across engines: how a user finds the cell in the report. */
export function nameCell(key: Omit<TrialKey, 'trial'>): string {
  return `${key.workload} / ${key.kill} / ${key.runtime}${key.engine === undefined ? '' : ` / ${key.engine.label}`}`;
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

/** Whether the workload's shared mutex could be taken after the stop; null where no memory is shared (a child's). */
export type MutexState = 'free' | 'held' | null;

/** How the stopped work exited, as its runtime reported it. */
export interface TrialExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly error: string | null;
}

/**
 * Counts of what the work held at ready() that it did not hold before it started: the traits the report's rules
 * select workloads by (one that holds files, starts processes, takes locks), decided before any stop, so that what a
 * stop did cannot decide which workloads a rule looks at. null where a probe could not read.
 */
export interface HeldAtReady {
  /** Descriptors of files and sockets (not pipes or event descriptors, which a worker's own event loop brings). */
  readonly fds: number | null;
  readonly sockets: number | null;
  readonly processes: number | null;
  readonly locks: number | null;
}

/**
 * What a workload's checkSharedMemory() found in the memory it shares with the host (`context.sharedMemory`), read by
 * the host once the work ended; or why nothing was checked: a child's memory is its own and ends with it.
 */
export type SharedMemoryCheck = (IntegrityCheck & { readonly checked: true }) | { readonly checked: false; readonly reason: string };

/**
 * What the work's thread was doing at one moment, read from /proc/<pid>/task/<tid>/stat and syscall (a worker's OS
 * thread in the host; a child's main thread).
 */
export interface WorkActivity {
  /**
   * `running`: executing code, or ready to (a JavaScript loop that never checks the stop flag); `waiting-for-events`:
   * blocked in its own event loop's wait, idle (asynchronous code that never listens for the stop); `in-system-call`:
   * blocked in any other call, a synchronous call's private event loop included; `unknown`: could not be read, or could
   * not be told apart (a Python thread of the host in `futex` may only wait for the GIL its reader holds).
   */
  readonly state: 'running' | 'waiting-for-events' | 'in-system-call' | 'unknown';
  /** The call it was blocked in ("read", "futex", "epoll_pwait", or "syscall <n>" outside the harness's table); null when running or unreadable. */
  readonly systemCall: string | null;
  /** The kernel's state letter (R, S, D, …); null when unknown. */
  readonly kernelState: string | null;
  /** When it was read, from the kill request. */
  readonly afterKillMs: number;
}

/**
 * How a trial's processes were held, however they left its host's tree: the host's own cgroup (where this user may
 * create one: root, a delegated slice), and the host as their child subreaper (any user: orphans are re-parented to
 * the host, not to init). See src/process-family/containment.ts.
 */
export interface TrialContainment {
  readonly cgroup: boolean;
  readonly subreaper: boolean;
}

/**
 * In a run given --cycles, one trial as one start-stop cycle of its cell, in a host kept across the cell's cycles as a
 * long-lived parent is, whatever each cycle left in it: the host's memory once the cycle was over.
 */
export interface CycleReading {
  /** Which host of the cell ran it, from 1: the next one only when a cycle ended its host (host-death, work that hung). */
  readonly host: number;
  /**
   * The host's RSS, PSS and USS from /proc/<host>/smaps_rollup once the cycle's trial was over (its processes reaped,
   * its data checked) and the host had collected its garbage, so that it is what the host retains, before the next
   * cycle began; null when the host was not kept (`notMeasured` says why).
   */
  readonly memory: ProcessMemory | null;
  readonly notMeasured?: string;
  /** On a host's first cycle: its memory when it reported ready, before it ran anything. */
  readonly memoryBefore?: ProcessMemory | null;
}

/** Set for every trial that had a host: whether it had run an earlier trial (a warm host starts a worker faster), and how it contained the trial. */
interface HostUse {
  readonly hostReused?: boolean;
  readonly containment?: TrialContainment;
  /** Set in a run given --cycles. */
  readonly cycle?: CycleReading;
}

/**
 * A trial's work ended (or was declared hung) in a Node.js host, which then watched itself as the work's parent: the
 * figures of src/record/parent-exit.ts. Absent where not measured: a Python host, a style that ends the host itself.
 */
interface MeasuredTrial extends TrialKey, HostUse, Partial<ParentExit> {
  /**
   * Set by a run: the harness work other lanes did while this trial's stop was timed (`host start`, `probes`), which
   * shared the cores with it; empty when none did. The report's stop times are drawn from trials where it is empty.
   */
  readonly stopSharedWith?: readonly ('host start' | 'probes')[];
  readonly killPoint: KillPoint;
  /** The critical section the workload was inside when it stopped, from its own section log; null when none. */
  readonly killedInSection: string | null;
  /** From asking the runtime to start the work until the workload called ready(); null when it never did. */
  readonly startMs: number | null;
  /**
   * Memory the work added at ready(), as RSS, PSS and USS: for a thread, the host's growth in each between before the
   * start and ready() (its memory is the host's); for a process, the host's growth plus the child's own. PSS is the
   * fair comparison: a child's RSS also counts the Node.js binary and libraries it shares with its host, which a
   * thread shares without being charged. null when it could not be read.
   */
  readonly workMemory: ProcessMemory | null;
  readonly leftovers: Leftovers;
  /** What the work held when it called ready(), against before it started; null when it never became ready. */
  readonly heldAtReady: HeldAtReady | null;
  /** Cleanup steps the workload marked, in order; empty when none ran. */
  readonly cleanupSteps: string[];
  /** null when the workload gives the harness no way to see its cleanup (a task module without a cleanup export). */
  readonly cleanupRan: boolean | null;
  /** What the workload's verify() found of its acknowledged data; null for workloads that write none. */
  readonly integrity: IntegrityCheck | null;
  /** Whether the host could take the worker's shared mutex after the stop; null in a child, whose memory is its own. */
  readonly sharedMutex: MutexState;
  /** null for a workload without checkSharedMemory(); a checked result is also counted in `integrity`. */
  readonly sharedMemory: SharedMemoryCheck | null;
  /** What the work's thread was doing when the stop was delivered; null when the host did not read it (a host-level kill, a work never ready). */
  readonly workAtStop: WorkActivity | null;
}

/** The kill ended the work; `leaked` when any probe found something left behind. */
export interface StoppedTrial extends MeasuredTrial {
  readonly outcome: 'stopped' | 'leaked';
  readonly exit: TrialExit;
  /**
   * The step after which the work was gone, for styles that tell: a sequence's last step applied before it was gone
   * (`abort` or `force` of abort-then-force), `tree-kill`, `host-death`; null otherwise.
   */
  readonly endedBy: string | null;
  /** A sequence's: where that step stands in it, from 1 (`abort>500ms>tree-kill` ended by tree-kill: 3). */
  readonly endedByStep?: number;
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
  /**
   * How long each thing the stop left lived after the stop, watched while a process of the trial lived, for up to
   * `--linger` ms from the kill: a lingering leftover goes away by itself, a permanent one stays. Absent when the stop
   * left nothing, or no process of the trial was left to change anything.
   */
  readonly lifetimes?: LeftoverLifetime[];
  /** From the kill request until the watch of `lifetimes` ended. */
  readonly watchedMs?: number;
}

/** The work did not end within the stop timeout (or never became ready); its host was SIGKILLed. */
export interface HungTrial extends MeasuredTrial {
  readonly outcome: 'hung';
  readonly phase: 'start' | 'stop';
  readonly stopMs: null;
  /** What the work's thread was doing when the trial was declared hung, at the stop timeout; null when not read (phase `start`, a silent host). */
  readonly workAtHang: WorkActivity | null;
}

/** The trial could not run as planned: the workload failed before ready(), or the host died. */
export interface ErroredTrial extends TrialKey, HostUse {
  readonly outcome: 'errored';
  readonly error: string;
  /** `deadline-before-ready`: the `timeout` style's deadline ended the work before it called ready(), even after longer deadlines were tried. */
  readonly cause?: 'deadline-before-ready';
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

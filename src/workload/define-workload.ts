import type { SharedMutex } from './shared-mutex.ts';

/** What a workload receives: the stop request, its private directory and the hooks the harness observes. */
export interface WorkloadContext {
  /** Aborted when the harness asks the workload to stop cooperatively. */
  readonly signal: AbortSignal;
  /** Cheap synchronous check for the same stop request, safe to call in a busy loop. */
  stopRequested(): boolean;
  /** Tells the harness the workload now holds its resources; kills are applied only after this. */
  ready(): void;
  /** The trial's private directory; `os.tmpdir()` inside the workload points here too. */
  readonly dir: string;
  /** Where to keep data on purpose (a journal, a database) for verify(): unlike `dir`, never counted as left behind. */
  readonly dataDir: string;
  /** Records, synchronously and durably, that a piece of cleanup code ran. */
  markCleanupRan(step?: string): void;
  /**
   * Records, synchronously and durably, that a unit of data (named by `record`) is safely written; after the
   * stop, the workload's verify() checks that every acknowledged record is present and whole.
   */
  acknowledge(record: string): void;
  /** A mutex in memory the host shares in a worker thread (and the child alone owns in a child process). */
  readonly sharedMutex: SharedMutex;
  /**
   * 64 Int32 slots, all zeros at the start, of memory the host shares in a worker thread (and the child alone owns in a
   * child process): after the stop the host hands a thread's to the workload's checkSharedMemory().
   */
  readonly sharedMemory: Int32Array;
  /**
   * Marks the start of a critical section the workload declared in `criticalSections` (e.g. "holding-lock"), for
   * asynchronous code: when the trial targets this section, the promise resolves only once the stop is requested
   * (or the stop timeout passed), so the kill lands inside it. Await it, then call leaveSection().
   */
  enterSection(name: string): Promise<void>;
  /** The same for synchronous code: when targeted, it holds the section synchronously, as the code itself would. */
  enterSectionSync(name: string): void;
  /** Marks the end of the section entered last. */
  leaveSection(name: string): void;
}

/** What verify() found: of the acknowledged records, how many are missing or torn. */
export interface IntegrityCheck {
  readonly acknowledged: number;
  readonly missing: number;
  readonly torn: number;
  /** The store as a whole failed its own check (e.g. SQLite's integrity_check). */
  readonly corrupt?: boolean;
  /** One line for the report when something is wrong, e.g. which record is torn. */
  readonly detail?: string;
}

export interface Workload {
  readonly name: string;
  readonly description: string;
  /** Names of the critical sections run() marks, in which the harness can aim a kill (`--kill-point section`). */
  readonly criticalSections?: readonly string[];
  run(context: WorkloadContext): Promise<void> | void;
  /** Why the workload cannot run on this machine (an optional package missing, say), or null; its cells then read not applicable. */
  unavailable?(): string | null;
  /** false when run() cannot see the cooperative stop request (a pool's task function): the styles that only ask to stop do not apply. */
  readonly receivesStopRequest?: boolean;
  /**
   * false when run() never gets back to code that reads the harness's commands (it blocks in one call, or loops without
   * checking): `crash` and `exit`, injected as commands, cannot reach it, and its cells for them read not applicable.
   */
  readonly readsCommands?: boolean;
  /** false when the harness cannot observe whether cleanup ran: results then say "not measured", not 0. */
  readonly reportsCleanup?: boolean;
  /** For workloads that write data: runs in the harness after the stop, against the trial directory. */
  verify?(check: { dataDir: string; acknowledged: string[] }): IntegrityCheck | Promise<IntegrityCheck>;
  /**
   * For workloads that keep records in `context.sharedMemory`: checks what a worker thread left there, as the host read
   * it once the work ended. A child's memory ends with it, so in a process the result says it was not checked.
   */
  checkSharedMemory?(view: Int32Array): IntegrityCheck;
}

const workloadBrand = Symbol.for('isolation-harness.workload');

/** Declares a workload; the brand lets the harness tell a real workload from any other default export. */
export function defineWorkload(workload: Workload): Workload {
  return Object.freeze({ ...workload, [workloadBrand]: true });
}

export function isWorkload(value: unknown): value is Workload {
  return typeof value === 'object' && value !== null && workloadBrand in value;
}

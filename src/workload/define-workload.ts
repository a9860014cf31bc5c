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
  /** Records, synchronously and durably, that a piece of cleanup code ran. */
  markCleanupRan(step?: string): void;
}

export interface Workload {
  readonly name: string;
  readonly description: string;
  run(context: WorkloadContext): Promise<void> | void;
}

const workloadBrand = Symbol.for('isolation-harness.workload');

/** Declares a workload; the brand lets the harness tell a real workload from any other default export. */
export function defineWorkload(workload: Workload): Workload {
  return Object.freeze({ ...workload, [workloadBrand]: true });
}

export function isWorkload(value: unknown): value is Workload {
  return typeof value === 'object' && value !== null && workloadBrand in value;
}

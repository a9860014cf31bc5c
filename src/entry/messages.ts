/** What ready() tells the host: the OS thread the workload runs on, and the epoll instances open at that moment. */
export interface WorkReady {
  readonly osThreadId: number;
  /**
   * Descriptors of the process's epoll instances when the workload called ready(), its own event loop's among them:
   * a synchronous call that runs a private loop (execSync) cannot be under way then, so a wait on an epoll instance
   * not listed here is such a call's. null when the descriptors could not be read.
   */
  readonly eventLoops: number[] | null;
}

/** Messages between the runtime adapter in the host and the workload body inside a worker or child. */
export type WorkerEvent =
  /** The body began, before the workload's module loads: the thread it runs on, read by the host should ready() never come. */
  | ({ type: 'started' } & WorkReady)
  | ({ type: 'ready' } & WorkReady)
  /** The targeted section was entered: `held` once the drawn delay had passed (the harness holds it), or before. */
  | { type: 'section-entered'; section: string; held: boolean }
  /** The targeted section, entered before the drawn delay, was left. */
  | { type: 'section-left'; section: string }
  | { type: 'finished' }
  | { type: 'failed'; message: string };

/**
 * What the host can ask of the workload body: stop cooperatively, or make the workload itself crash (an
 * uncaught error) or exit (process.exit) mid-work. Codes are what the synchronous channel stores.
 */
export const WORKER_COMMANDS = { stop: 1, crash: 2, exit: 3 } as const;
export type WorkerCommand = keyof typeof WORKER_COMMANDS;

export type HostToWorkerMessage = { type: 'command'; command: WorkerCommand };

/** Where the workload body finds its module and its directories. */
export interface WorkloadSpec {
  readonly workloadUrl: string;
  /** The trial's private directory, also the workload's TMPDIR. */
  readonly workDir: string;
  /** The temp directory the harness itself uses, where the TypeScript loader keeps its cache (not a leftover of the trial). */
  readonly loaderTempDir: string;
  /** Where the workload keeps data on purpose, for its verify(); not a leftover. */
  readonly dataDir: string;
  /** Append-only log of cleanup steps, kept outside workDir so it never counts as a leftover. */
  readonly cleanupLog: string;
  /** Append-only log of acknowledged records, likewise outside workDir. */
  readonly acknowledgementLog: string;
  /** Append-only log of critical sections entered and left, read after the stop to tell where the kill landed. */
  readonly sectionLog: string;
  /** The section this trial's kill aims at; the workload holds it, once entered `targetAfterMs` after ready(), until the stop. */
  readonly targetSection: string | null;
  readonly targetAfterMs: number;
  /** The longest a targeted section is held while no stop comes: the trial's stop timeout. */
  readonly sectionHoldMs: number;
  /**
   * Where the body also appends its events, for a host whose engine delivers a worker's or child's messages only when
   * its event loop turns (Deno): the host follows the file too. Absent elsewhere.
   */
  readonly eventLog?: string;
}

export function readCommandMessage(message: unknown): WorkerCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, command } = message as { type?: unknown; command?: unknown };
  return type === 'command' && typeof command === 'string' && command in WORKER_COMMANDS ? (command as WorkerCommand) : null;
}

export function commandForCode(code: number): WorkerCommand | null {
  const found = Object.entries(WORKER_COMMANDS).find(([, value]) => value === code);
  return found === undefined ? null : (found[0] as WorkerCommand);
}

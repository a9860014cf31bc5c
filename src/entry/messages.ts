/** Messages between the runtime adapter in the host and the workload body inside a worker or child. */
export type WorkerEvent =
  | { type: 'ready'; osThreadId: number }
  | { type: 'finished' }
  | { type: 'failed'; message: string };

export type HostToWorkerMessage = { type: 'stop' };

/** Where the workload body finds its module and its directories. */
export interface WorkloadSpec {
  readonly workloadUrl: string;
  /** The trial's private directory, also the workload's TMPDIR. */
  readonly workDir: string;
  /** Append-only log of cleanup steps, kept outside workDir so it never counts as a leftover. */
  readonly cleanupLog: string;
  /** Append-only log of acknowledged records, likewise outside workDir. */
  readonly acknowledgementLog: string;
}

export function isStopMessage(message: unknown): message is HostToWorkerMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'stop';
}

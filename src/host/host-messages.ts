import type { WorkloadSpec } from '../entry/messages.ts';
import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import type { RuntimeName } from '../runtime/runtime.ts';

/** Everything the host needs to run one trial. */
export interface HostedTrial {
  readonly runtime: RuntimeName;
  readonly kill: KillStyleName;
  readonly spec: WorkloadSpec;
  readonly controlDir: string;
  /** How long the workload may take to call ready(). */
  readonly startTimeoutMs: number;
  /** How long the work may take to end once the kill is applied. */
  readonly stopTimeoutMs: number;
}

export type HostCommand = { type: 'start'; trial: HostedTrial };

/** What the host tells the harness; times are milliseconds from the kill request. */
export type HostEvent =
  | { type: 'host-ready' }
  | { type: 'work-ready'; childPid: number | null; osThreadId: number }
  | { type: 'work-stopped'; exitCode: number | null; signal: string | null; error: string | null; stopMs: number; reportedMs: number }
  | { type: 'work-hung'; phase: 'start' | 'stop' }
  | { type: 'work-failed'; message: string };

import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { TrialResult } from '../trial/trial-result.ts';

/** A workload as the run used it: built in, or a user's module given by path. */
export interface WorkloadEntry {
  readonly name: string;
  readonly description: string;
  /** "built-in", or the path the user passed to --workload. */
  readonly source: string;
}

/** What the run was asked to do. */
export interface RunPlan {
  readonly runtimes: RuntimeName[];
  readonly kills: KillStyleName[];
  readonly workloads: WorkloadEntry[];
  readonly trials: number;
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly graceMs: number;
  readonly deadlineMs: number;
}

/** The machine and software a run measured; every field is read at run time. */
export interface Environment {
  readonly node: string;
  readonly os: string;
  readonly kernel: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryBytes: number;
  /** Installed versions of the packages whose behaviour is measured (tinypool, execa, tree-kill, tmp). */
  readonly packages: Record<string, string>;
}

/** Everything a report is rendered from: the plan, the environment and every trial's result. */
export interface RunRecord {
  readonly harnessVersion: string;
  /** The command that reproduces this run. */
  readonly command: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly plan: RunPlan;
  readonly environment: Environment;
  readonly results: TrialResult[];
}

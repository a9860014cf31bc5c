import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULTS } from '../src/cli/parse-arguments.ts';
import type { KillStyleName } from '../src/kill-styles/kill-styles.ts';
import type { ResolvedWorkload } from '../src/run/resolve-workloads.ts';
import type { NodeRuntimeName } from '../src/runtime/runtime.ts';

export type BenchRuntime = NodeRuntimeName;
export const BENCH_RUNTIMES: readonly BenchRuntime[] = ['thread', 'process'];

/** Each runtime's forced stop, the one its floor loop uses too: terminate() for a worker, SIGKILL for a child. */
export const FORCED_STOP: { readonly [Runtime in BenchRuntime]: KillStyleName } = { thread: 'terminate', process: 'sigkill' };

/** The work both sides run: nothing, until it is stopped. */
export const IDLE_WORKLOAD: ResolvedWorkload = {
  name: 'idle-until-stopped',
  description: 'calls ready(), then waits without using the CPU until it is stopped',
  source: 'bench/fixtures/idle-until-stopped.js',
  criticalSections: [],
  workloadUrl: pathToFileURL(fileURLToPath(new URL('./fixtures/idle-until-stopped.js', import.meta.url))).href,
};

/** The harness's own defaults for everything the bench does not set itself. */
export const TRIAL_SETTINGS = {
  startTimeoutMs: DEFAULTS.startTimeoutMs,
  stopTimeoutMs: DEFAULTS.stopTimeoutMs,
  graceMs: DEFAULTS.graceMs,
  deadlineMs: DEFAULTS.deadlineMs,
  memoryLimitMb: DEFAULTS.memoryLimitMb,
} as const;

export const DEFAULT_CONCURRENCY: number = DEFAULTS.concurrency;

import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KillStyleName } from '../../src/kill-styles/kill-styles.ts';
import { createRunId, createTrialId } from '../../src/marker/marker.ts';
import type { RuntimeName } from '../../src/runtime/runtime.ts';
import { runTrial } from '../../src/trial/run-trial.ts';
import type { HostProcess } from '../../src/trial/host-process.ts';
import { createRunDirectory, removeDirectory } from '../../src/trial/trial-directory.ts';
import type { KillPoint, TrialResult } from '../../src/record/trial-result.ts';
import { killStyleOf } from '../../src/kill-styles/kill-styles.ts';
import { toWorkloadUrl } from '../../src/workload/load-workload.ts';

/** Long enough for a worker to load tsx and a TypeScript fixture on a loaded 2-core machine. */
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const GRACE_MS = 500;
/** Past the slowest start of a fixture loaded through tsx, so the deadline falls after ready(). */
const DEADLINE_MS = 4_000;
/** The harness's default heap cap (--memory-limit); hostile tests pass a small one to reach it fast. */
const MEMORY_LIMIT_MB = 1_024;

/** One trial of a workload module; the trial number and id are the runner's. */
export interface TrialRequest {
  readonly workloadUrl: string;
  readonly runtime: RuntimeName;
  readonly kill: KillStyleName;
  readonly stopTimeoutMs?: number;
  readonly startTimeoutMs?: number;
  /** The heap cap of the worker or child, in MB. */
  readonly memoryLimitMb?: number;
  /** Default: right at ready() (a delay of 0); `timeout` always uses the runtime's deadline. */
  readonly killPoint?: KillPoint;
  /**
   * How long what the stop left is watched. 0 when left out: a test of what a stop leaves need not wait to see it
   * stay (the tests of that watch ask for it).
   */
  readonly lingerMs?: number;
  /** How long abort-then-force waits for the abort before it forces; the runner's 500 ms when left out. */
  readonly graceMs?: number;
  /** The host to run it in, started for the trial's id (see hostFor); default: one runTrial starts. */
  readonly host?: (trialId: string) => HostProcess;
}

/** One run directory per test file, so the trials of a file share it and afterAll removes it whole. */
export interface TrialRunner {
  run(request: TrialRequest): Promise<TrialResult>;
  remove(): void;
}

export function createTrialRunner(): TrialRunner {
  const runId = createRunId();
  const runDirectory = createRunDirectory(runId);
  let trialNumber = 0;
  return {
    run({
      workloadUrl,
      runtime,
      kill,
      stopTimeoutMs = STOP_TIMEOUT_MS,
      startTimeoutMs = START_TIMEOUT_MS,
      memoryLimitMb = MEMORY_LIMIT_MB,
      killPoint = { kind: 'delay', delayMs: 0 },
      lingerMs = 0,
      graceMs = GRACE_MS,
      host,
    }) {
      trialNumber += 1;
      const trialId = createTrialId(runId, trialNumber);
      const plan = {
        runtime,
        kill,
        workload: basename(fileURLToPath(workloadUrl), extname(workloadUrl)),
        trial: 1,
        trialId,
        workloadUrl,
        runDirectory,
        startTimeoutMs,
        stopTimeoutMs,
        graceMs,
        deadlineMs: DEADLINE_MS,
        memoryLimitMb,
        lingerMs,
        killPoint: killStyleOf(kill).start?.usesDeadline ? ({ kind: 'deadline', afterStartMs: DEADLINE_MS } as const) : killPoint,
      };
      return host === undefined ? runTrial(plan) : runTrial(plan, host(trialId));
    },
    remove: () => removeDirectory(runDirectory),
  };
}

/** The URL of a fixture workload in test/fixtures/workloads, by its behaviour's name; throws if there is none. */
export function fixtureUrl(name: string): string {
  return toWorkloadUrl(fileURLToPath(new URL(`../fixtures/workloads/${name}.ts`, import.meta.url)));
}

/** Each probe's count, or null where it could not measure, so a whole trial's leftovers compare in one assertion. */
export function countLeftovers(result: TrialResult): { fds: number | null; tempFiles: number | null; processes: number | null } {
  if (!('leftovers' in result)) throw new Error(`trial ${result.outcome}: ${'error' in result ? result.error : result.reason}`);
  const { fds, tempFiles, processes } = result.leftovers;
  return { fds: fds?.total ?? null, tempFiles: tempFiles?.total ?? null, processes: processes?.total ?? null };
}

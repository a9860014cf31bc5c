import { createRunId } from '../marker/marker.ts';
import { join } from 'node:path';
import { createProcessFamily } from '../processes/process-family.ts';
import { reapFamily } from '../processes/reap-family.ts';
import { collectEnvironment, readHarnessVersion } from '../record/collect-environment.ts';
import { digestSource } from '../record/source-digest.ts';
import { createRunDirectory, removeDirectory } from '../trial/trial-directory.ts';
import type { TrialResult } from '../record/trial-result.ts';
import { PROCESS_JOURNAL } from './clean-dead-runs.ts';
import { planTrials } from './plan-trials.ts';
import type { ResolvedWorkload } from './resolve-workloads.ts';
import type { RunPlan, RunRecord } from '../record/run-record.ts';
import { type MatrixObserver, runMatrix } from './run-matrix.ts';

export interface HarnessRun extends Omit<RunPlan, 'workloads'> {
  readonly workloads: ResolvedWorkload[];
  /** The command line that reproduces the run, recorded in the report. */
  readonly command: string;
}

export interface HarnessObserver extends MatrixObserver {
  /** Called once the run has its id and temp folder: what a user needs to find anything it leaves. */
  onStart?(run: { runId: string; runDirectory: string }): void;
}

/** What a resumed run carries over from the one that was interrupted. */
export interface Resumption {
  readonly startedAt: string;
  readonly completed: readonly TrialResult[];
}

/**
 * Runs the matrix (what `resumption` lacks of it) and records it; whatever happens, the run's processes are reaped
 * and its folder removed. An interrupted run returns the results of the trials that completed, marked incomplete.
 */
export async function runHarness(run: HarnessRun, observer: HarnessObserver = {}, resumption?: Resumption): Promise<RunRecord> {
  const runId = createRunId();
  const runDirectory = createRunDirectory(runId);
  // Every process the run finds is journaled in its folder, so the next run can reap them should this one die.
  const family = createProcessFamily({ marker: runId, journal: join(runDirectory, PROCESS_JOURNAL) });
  observer.onStart?.({ runId, runDirectory });
  const startedAt = resumption?.startedAt ?? new Date().toISOString();
  // On interruption, the trials under way end at once instead of after their stop timeout.
  const stopTrials = () => void reapFamily(family).catch(() => undefined);
  observer.signal?.addEventListener('abort', stopTrials, { once: true });
  try {
    const results = await runMatrix({ ...run, runId, runDirectory, family }, observer, resumption?.completed);
    return {
      harnessVersion: readHarnessVersion(),
      sourceDigest: digestSource(),
      command: run.command,
      startedAt,
      finishedAt: new Date().toISOString(),
      plan: toRunPlan(run),
      environment: collectEnvironment(),
      results,
      incomplete: observer.signal?.aborted ? { reason: `interrupted by ${String(observer.signal.reason)}`, plannedResults: planTrials(run).length } : null,
    };
  } finally {
    observer.signal?.removeEventListener('abort', stopTrials);
    try {
      await reapFamily(family);
    } finally {
      removeDirectory(runDirectory);
    }
  }
}

/** The plan as the record keeps it: each workload without the module URL, which is only valid on this machine. */
export function toRunPlan(run: HarnessRun): RunPlan {
  const { runtimes, kills, trials, startTimeoutMs, stopTimeoutMs, graceMs, deadlineMs, seed, killPoint, killDelayMaxMs, memoryLimitMb, concurrency, shard } = run;
  return {
    runtimes,
    kills,
    workloads: run.workloads.map(({ workloadUrl, ...entry }) => entry),
    trials,
    startTimeoutMs,
    stopTimeoutMs,
    graceMs,
    deadlineMs,
    seed,
    killPoint,
    killDelayMaxMs,
    memoryLimitMb,
    concurrency,
    shard,
  };
}

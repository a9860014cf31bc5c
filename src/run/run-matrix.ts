import { notApplicableReason } from '../kill-styles/kill-style.ts';
import { KILL_STYLES, type KillStyleName } from '../kill-styles/kill-styles.ts';
import { createTrialId } from '../marker/marker.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import { runTrial } from '../trial/run-trial.ts';
import type { TrialKey, TrialResult } from '../trial/trial-result.ts';
import type { ResolvedWorkload } from './resolve-workloads.ts';

export interface MatrixPlan {
  readonly runId: string;
  readonly runDirectory: string;
  readonly runtimes: readonly RuntimeName[];
  readonly kills: readonly KillStyleName[];
  readonly workloads: readonly ResolvedWorkload[];
  readonly trials: number;
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly graceMs: number;
  readonly deadlineMs: number;
}

export interface MatrixObserver {
  /** Called after each result, with how many of the planned results are done. */
  onResult?(result: TrialResult, done: number, total: number): void;
  /** Once aborted, no further trial starts. */
  readonly signal?: AbortSignal;
}

/** Every (workload, kill style, runtime) cell, one trial at a time; a cell whose style does not apply gets one result saying why. */
export async function runMatrix(plan: MatrixPlan, observer: MatrixObserver = {}): Promise<TrialResult[]> {
  const keys = listTrialKeys(plan);
  const results: TrialResult[] = [];
  for (const key of keys) {
    if (observer.signal?.aborted) break;
    const result = await runCellTrial(plan, key, results.length + 1);
    results.push(result);
    observer.onResult?.(result, results.length, keys.length);
  }
  return results;
}

/** The trials a plan runs, in report order; a not-applicable cell has a single entry. */
export function listTrialKeys(plan: Pick<MatrixPlan, 'runtimes' | 'kills' | 'workloads' | 'trials'>): TrialKey[] {
  const keys: TrialKey[] = [];
  for (const workload of plan.workloads) {
    for (const kill of plan.kills) {
      for (const runtime of plan.runtimes) {
        const trials = notApplicableReason(KILL_STYLES[kill], runtime) === null ? plan.trials : 1;
        for (let trial = 1; trial <= trials; trial += 1) keys.push({ runtime, kill, workload: workload.name, trial });
      }
    }
  }
  return keys;
}

async function runCellTrial(plan: MatrixPlan, key: TrialKey, trialNumber: number): Promise<TrialResult> {
  const reason = notApplicableReason(KILL_STYLES[key.kill], key.runtime);
  if (reason !== null) return { ...key, outcome: 'not-applicable', reason };
  const workload = plan.workloads.find((candidate) => candidate.name === key.workload);
  if (workload === undefined) throw new Error(`no workload named ${key.workload} in the plan`);
  return runTrial({
    ...key,
    trialId: createTrialId(plan.runId, trialNumber),
    workloadUrl: workload.workloadUrl,
    runDirectory: plan.runDirectory,
    startTimeoutMs: plan.startTimeoutMs,
    stopTimeoutMs: plan.stopTimeoutMs,
    graceMs: plan.graceMs,
    deadlineMs: plan.deadlineMs,
  });
}

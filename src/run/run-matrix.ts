import { createTrialId } from '../marker/marker.ts';
import { type HostProcess, startHost } from '../trial/host-process.ts';
import { runTrial } from '../trial/run-trial.ts';
import type { TrialKey, TrialResult } from '../trial/trial-result.ts';
import { type PlannedTrial, planTrials } from './plan-trials.ts';
import type { ResolvedWorkload } from './resolve-workloads.ts';
import type { RunPlan } from './run-record.ts';

export interface MatrixPlan extends Omit<RunPlan, 'workloads'> {
  readonly runId: string;
  readonly runDirectory: string;
  readonly workloads: readonly ResolvedWorkload[];
}

export interface MatrixObserver {
  /** Called after each result, with how many of the planned results are done. */
  onResult?(result: TrialResult, done: number, total: number): void;
  /** Once aborted, no further trial starts. */
  readonly signal?: AbortSignal;
}

/**
 * Runs every planned trial not among `completed` (a resumed run's), `concurrency` at a time. Each lane starts the
 * host of its next trial while the current one runs, so a Node.js start-up is off the critical path. Results come
 * back in plan order.
 */
export async function runMatrix(plan: MatrixPlan, observer: MatrixObserver = {}, completed: readonly TrialResult[] = []): Promise<TrialResult[]> {
  const planned = planTrials(plan);
  const results = new Map<number, TrialResult>();
  for (const trial of planned) {
    const done = completed.find((result) => sameKey(result, trial.key));
    if (done !== undefined) results.set(trial.number, done);
  }
  const queue = planned.filter((trial) => !results.has(trial.number));
  const lane: Lane = {
    take: () => (observer.signal?.aborted ? undefined : queue.shift()),
    record(trial, result) {
      results.set(trial.number, result);
      observer.onResult?.(result, results.size, planned.length);
    },
  };
  const lanes = Array.from({ length: Math.min(plan.concurrency, Math.max(queue.length, 1)) }, () => runLane(plan, lane));
  await Promise.all(lanes);
  return planned.flatMap((trial) => results.get(trial.number) ?? []);
}

/** What the lanes share: the queue of trials (empty once the run is interrupted) and the results. */
interface Lane {
  take(): PlannedTrial | undefined;
  record(trial: PlannedTrial, result: TrialResult): void;
}

async function runLane(plan: MatrixPlan, lane: Lane): Promise<void> {
  let current = lane.take();
  let host = current === undefined ? undefined : startHostFor(plan, current);
  while (current !== undefined) {
    const next = lane.take();
    const nextHost = next === undefined ? undefined : startHostFor(plan, next);
    lane.record(current, await runPlannedTrial(plan, current, host));
    current = next;
    host = nextHost;
  }
}

/** Not-applicable trials need no host. */
function startHostFor(plan: MatrixPlan, trial: PlannedTrial): HostProcess | undefined {
  return trial.notApplicable === null ? startHost(createTrialId(plan.runId, trial.number)) : undefined;
}

function runPlannedTrial(plan: MatrixPlan, trial: PlannedTrial, host: HostProcess | undefined): Promise<TrialResult> {
  if (trial.notApplicable !== null) return Promise.resolve({ ...trial.key, outcome: 'not-applicable', reason: trial.notApplicable });
  const workload = plan.workloads.find((candidate) => candidate.name === trial.key.workload);
  if (workload === undefined) throw new Error(`no workload named ${trial.key.workload} in the plan`);
  return runTrial(
    {
      ...trial.key,
      trialId: createTrialId(plan.runId, trial.number),
      workloadUrl: workload.workloadUrl,
      runDirectory: plan.runDirectory,
      startTimeoutMs: plan.startTimeoutMs,
      stopTimeoutMs: plan.stopTimeoutMs,
      graceMs: plan.graceMs,
      deadlineMs: plan.deadlineMs,
      killPoint: trial.killPoint,
      memoryLimitMb: plan.memoryLimitMb,
    },
    host,
  );
}

export function sameKey(a: TrialKey, b: TrialKey): boolean {
  return a.runtime === b.runtime && a.kill === b.kill && a.workload === b.workload && a.trial === b.trial;
}

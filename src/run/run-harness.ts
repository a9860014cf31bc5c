import { createRunId } from '../marker/marker.ts';
import { type EngineTarget, toEngineEntry } from '../engines/engine-target.ts';
import { join } from 'node:path';
import { createProcessFamily } from '../process-family/process-family.ts';
import { reapFamily } from '../process-family/reap-family.ts';
import { readHarnessVersion } from '../record/collect-environment.ts';
import { finishSegment, type SegmentStart, startSegment } from '../record/segment.ts';
import { createRunDirectory, removeDirectory } from '../trial/trial-directory.ts';
import type { TrialResult } from '../record/trial-result.ts';
import { PROCESS_JOURNAL } from '../marker/run-owner.ts';
import { planTrials } from './plan-trials.ts';
import type { ResolvedWorkload } from './resolve-workloads.ts';
import type { RunPlan, RunRecord, Segment } from '../record/run-record.ts';
import { type MatrixObserver, runMatrix } from './run-matrix.ts';

/**
 * How long the run's last reap waits for its processes to go: a trial gives up on a SIGKILLed process after 5 s (an
 * error of that trial), but on a loaded machine the kernel does reap it, later; the run must not end before.
 */
const LAST_REAP_TIMEOUT_MS = 60_000;

export interface HarnessRun extends Omit<RunPlan, 'workloads' | 'engines'> {
  readonly workloads: ResolvedWorkload[];
  /** The engines the hosts run on (--engine, --node), ready to start; absent for the harness's own Node.js. */
  readonly engines?: readonly EngineTarget[];
  /** The command line that reproduces the run, recorded in the report. */
  readonly command: string;
}

export interface HarnessObserver extends MatrixObserver {
  /** Called once the run has its id and temp folder: what a user needs to find anything it leaves. */
  onStart?(run: { runId: string; runDirectory: string }): void;
}

/** What a run carries over from the segments before it (none for a new run), and the segment it appends as. */
export interface Resumption {
  readonly startedAt: string;
  readonly completed: readonly TrialResult[];
  /** The segments that produced `completed`, oldest first. */
  readonly segments: readonly Segment[];
  /** This session's segment, as its journal line recorded it. */
  readonly segment: SegmentStart;
}

/**
 * Runs the matrix (what `resumption` lacks of it) and records it; whatever happens, the run's processes are reaped
 * and its folder removed. An interrupted run returns the results of the trials that completed, marked incomplete.
 */
export async function runHarness(run: HarnessRun, observer: HarnessObserver = {}, resumption?: Resumption): Promise<RunRecord> {
  const segment = resumption?.segment ?? startSegment(run.concurrency);
  const runId = createRunId();
  const runDirectory = createRunDirectory(runId);
  // Every process the run finds is journaled in its folder, so the next run can reap them should this one die.
  const family = createProcessFamily({ marker: runId, journal: join(runDirectory, PROCESS_JOURNAL) });
  observer.onStart?.({ runId, runDirectory });
  const startedAt = resumption?.startedAt ?? segment.startedAt;
  // On interruption, the trials under way end at once instead of after their stop timeout.
  const stopTrials = () => void reapFamily(family).catch(() => undefined);
  observer.signal?.addEventListener('abort', stopTrials, { once: true });
  try {
    const results = await runMatrix({ ...run, runId, runDirectory, family }, observer, resumption?.completed);
    const finishedAt = new Date().toISOString();
    const carried = new Set(resumption?.completed);
    const own = finishSegment(segment, run.shard, results.filter((result) => !carried.has(result)).length, finishedAt);
    const provenance = [...(resumption?.segments ?? []), own];
    // The top-level machine, code and concurrency are the first segment's; provenance says whether the others agree.
    const first = provenance[0] ?? own;
    return {
      harnessVersion: readHarnessVersion(),
      sourceDigest: first.sourceDigest,
      command: run.command,
      startedAt,
      finishedAt,
      plan: { ...toRunPlan(run), concurrency: first.concurrency },
      environment: first.environment,
      provenance,
      results,
      incomplete: observer.signal?.aborted ? { reason: `interrupted by ${String(observer.signal.reason)}`, plannedResults: planTrials(run).length } : null,
    };
  } finally {
    observer.signal?.removeEventListener('abort', stopTrials);
    try {
      await reapFamily(family, LAST_REAP_TIMEOUT_MS);
    } finally {
      removeDirectory(runDirectory);
    }
  }
}

/**
 * Every key of the plan, in the order results.json writes them (docs/results-schema.md): a key added to RunPlan and
 * not here fails to compile. Optional ones are written only when set.
 */
const PLAN_ORDER: { readonly [Key in keyof RunPlan]-?: true } = {
  runtimes: true,
  kills: true,
  workloads: true,
  trials: true,
  startTimeoutMs: true,
  stopTimeoutMs: true,
  graceMs: true,
  deadlineMs: true,
  seed: true,
  killPoint: true,
  killDelayMaxMs: true,
  memoryLimitMb: true,
  lingerMs: true,
  cycles: true,
  concurrency: true,
  shard: true,
  engines: true,
  python: true,
};

/** The plan as the record keeps it: each workload without the module URL, which is only valid on this machine. */
export function toRunPlan(run: HarnessRun): RunPlan {
  const recorded: Partial<Record<keyof RunPlan, unknown>> = {
    ...run,
    workloads: run.workloads.map(({ workloadUrl: _url, pythonFile: _file, ...entry }) => entry),
    engines: run.engines?.map(toEngineEntry),
  };
  const keys = Object.keys(PLAN_ORDER) as (keyof RunPlan)[];
  return Object.fromEntries(keys.flatMap((key) => (recorded[key] === undefined ? [] : [[key, recorded[key]]]))) as unknown as RunPlan;
}

import { createRunId } from '../marker/marker.ts';
import { reapMarkedProcesses } from '../marker/reap.ts';
import { collectEnvironment, readHarnessVersion } from '../report/collect-environment.ts';
import { createRunDirectory, removeDirectory } from '../trial/trial-directory.ts';
import type { RunPlan, RunRecord } from './run-record.ts';
import { type MatrixObserver, runMatrix } from './run-matrix.ts';
import type { ResolvedWorkload } from './resolve-workloads.ts';

export interface HarnessRun extends Omit<RunPlan, 'workloads'> {
  readonly workloads: ResolvedWorkload[];
  /** The command line that reproduces the run, recorded in the report. */
  readonly command: string;
}

export interface HarnessObserver extends MatrixObserver {
  /** Called once the run has its id and temp folder: what a user needs to find anything it leaves. */
  onStart?(run: { runId: string; runDirectory: string }): void;
}

/** Runs the whole matrix and records it; whatever happens, the run's processes are reaped and its folder removed. */
export async function runHarness(run: HarnessRun, observer: HarnessObserver = {}): Promise<RunRecord> {
  const runId = createRunId();
  const runDirectory = createRunDirectory(runId);
  observer.onStart?.({ runId, runDirectory });
  const startedAt = new Date().toISOString();
  // On interruption, the current trial's host dies at once instead of after its stop timeout.
  const stopCurrentTrial = () => void reapMarkedProcesses(runId).catch(() => undefined);
  observer.signal?.addEventListener('abort', stopCurrentTrial, { once: true });
  try {
    const results = await runMatrix({ ...run, runId, runDirectory }, observer);
    return {
      harnessVersion: readHarnessVersion(),
      command: run.command,
      startedAt,
      finishedAt: new Date().toISOString(),
      plan: {
        runtimes: run.runtimes,
        kills: run.kills,
        workloads: run.workloads.map(({ name, description, source }) => ({ name, description, source })),
        trials: run.trials,
        startTimeoutMs: run.startTimeoutMs,
        stopTimeoutMs: run.stopTimeoutMs,
        graceMs: run.graceMs,
        deadlineMs: run.deadlineMs,
      },
      environment: collectEnvironment(),
      results,
    };
  } finally {
    observer.signal?.removeEventListener('abort', stopCurrentTrial);
    await reapMarkedProcesses(runId);
    removeDirectory(runDirectory);
  }
}

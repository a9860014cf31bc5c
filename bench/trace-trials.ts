import { createRunId, createTrialId } from '../src/marker/marker.ts';
import { reapMarker } from '../src/process-family/reap-family.ts';
import { startHost } from '../src/trial/host-process.ts';
import { runTrial } from '../src/trial/run-trial.ts';
import { createRunDirectory, removeDirectory } from '../src/trial/trial-directory.ts';
import type { TrialResult } from '../src/record/trial-result.ts';
import { type BenchRuntime, FORCED_STOP, IDLE_WORKLOAD, TRIAL_SETTINGS } from './bench-runtime.ts';
import { type HostTrace, type Moment, now, traceHost } from './trace-host.ts';

/** One traced trial: the moments its host handle saw, when runTrial began and ended, and what it recorded. */
export interface TracedTrial {
  readonly trace: HostTrace;
  readonly begunAt: Moment;
  readonly endedAt: Moment;
  readonly result: TrialResult;
}

/**
 * Runs `trials` trials of one runtime one after another, each in a fresh host of that runtime started when the
 * trial before begins: the phases of a trial that cannot reuse a host (the harness rows measure reuse). Each trial
 * is the harness's own runTrial; only its host handle is traced.
 */
export async function traceTrials(runtime: BenchRuntime, trials: number): Promise<TracedTrial[]> {
  const runId = createRunId();
  const runDirectory = createRunDirectory(runId);
  const startTraced = (number: number) => {
    const startedAt = now();
    return { trialId: createTrialId(runId, number), ...traceHost(startHost(createTrialId(runId, number), runtime), startedAt) };
  };
  const traced: TracedTrial[] = [];
  try {
    let next = startTraced(1);
    for (let number = 1; number <= trials; number += 1) {
      const current = next;
      if (number < trials) next = startTraced(number + 1);
      const begunAt = now();
      const result = await runTrial(
        {
          ...TRIAL_SETTINGS,
          runtime,
          kill: FORCED_STOP[runtime],
          workload: IDLE_WORKLOAD.name,
          trial: number,
          trialId: current.trialId,
          workloadUrl: IDLE_WORKLOAD.workloadUrl,
          runDirectory,
          killPoint: { kind: 'delay', delayMs: 0 },
        },
        current.host,
      );
      traced.push({ trace: current.trace, begunAt, endedAt: now(), result });
    }
    return traced;
  } finally {
    await reapMarker(runId);
    removeDirectory(runDirectory);
  }
}

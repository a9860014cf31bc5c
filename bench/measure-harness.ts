import { runHarness } from '../src/run/run-harness.ts';
import type { TrialResult } from '../src/record/trial-result.ts';
import { type BenchRuntime, FORCED_STOP, IDLE_WORKLOAD, TRIAL_SETTINGS } from './bench-runtime.ts';

/** The same start, ready and stop as the floor, through runHarness: real hosts, probes, reaping and records. */
export interface HarnessMeasurement {
  readonly runtime: BenchRuntime;
  readonly concurrency: number;
  readonly trials: number;
  readonly wallMs: number;
  readonly msPerTrial: number;
  /** Trials that did not end `stopped` (leaked, hung, errored): a fast harness that measures wrongly is no answer. */
  readonly notStopped: string[];
}

export async function measureHarness(runtime: BenchRuntime, concurrency: number, trials: number): Promise<HarnessMeasurement> {
  const startedAt = performance.now();
  const record = await runHarness({
    ...TRIAL_SETTINGS,
    runtimes: [runtime],
    kills: [FORCED_STOP[runtime]],
    workloads: [IDLE_WORKLOAD],
    trials,
    seed: 0,
    killPoint: 'delay',
    killDelayMaxMs: 0,
    concurrency,
    shard: null,
    command: 'npm run bench',
  });
  const wallMs = performance.now() - startedAt;
  return { runtime, concurrency, trials, wallMs, msPerTrial: wallMs / trials, notStopped: record.results.flatMap(describeUnlessStopped) };
}

function describeUnlessStopped(result: TrialResult): string[] {
  if (result.outcome === 'stopped') return [];
  return [`trial ${result.trial}: ${result.outcome}${'error' in result ? ` (${result.error})` : ''}`];
}

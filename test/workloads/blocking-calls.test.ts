import { afterAll, describe, expect, it } from 'vitest';
import { RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { createTrialRunner } from '../support/trial-runner.ts';

// What the three blocking workloads share: a thread or child parked in a synchronous call runs no JavaScript, so
// neither the abort signal nor the stop flag is ever looked at. Their forced stops differ, in their own files.
const BLOCKING_WORKLOADS = ['blocking-atomics-wait', 'blocking-fifo-read', 'blocking-exec-sync'] as const;
const runner = createTrialRunner();
afterAll(() => runner.remove());

describe.each(BLOCKING_WORKLOADS)('%s', (workload) => {
  it.each(RUNTIME_NAMES)('never sees an abort in a %s: the stop times out as hung', async (runtime) => {
    const result = await runner.run({ workloadUrl: BUILT_IN_WORKLOADS[workload].moduleUrl, runtime, kill: 'abort', stopTimeoutMs: 1000 });
    expect(result).toMatchObject({ outcome: 'hung', phase: 'stop', cleanupRan: false });
  });
});

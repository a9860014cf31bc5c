import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const workloadUrl = BUILT_IN_WORKLOADS['blocking-atomics-wait'].moduleUrl;
const STOP_TIMEOUT_MS = 1000;
const runner = createTrialRunner();
afterAll(() => runner.remove());

describe('blocking-atomics-wait under a forced stop', () => {
  it('terminate() in a thread ends the wait at once, and its finally does not run', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'thread', kill: 'terminate', stopTimeoutMs: STOP_TIMEOUT_MS });
    // V8 wakes a thread parked in Atomics.wait to deliver the termination, which no catch or finally can see.
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: false });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });

  it('SIGKILL ends a child parked in Atomics.wait, leaving nothing', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'process', kill: 'sigkill', stopTimeoutMs: STOP_TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: false, exit: { signal: 'SIGKILL' } });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });
});

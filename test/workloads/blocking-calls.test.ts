import { afterAll, describe, expect, it } from 'vitest';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { createTrialRunner } from '../support/trial-runner.ts';

// What the three blocking workloads share with ignores-stop: a thread or child parked in a synchronous call, or busy
// in a loop that never checks, runs none of the JavaScript that would look at the abort signal or the stop flag.
// What its thread is doing tells them apart, read when the stop comes and again when the trial is declared hung.
// Their forced stops differ, in their own files.
const WORK_WHEN_STOPPED = {
  'blocking-atomics-wait': { state: 'in-system-call', systemCall: 'futex' },
  'blocking-fifo-read': { state: 'in-system-call', systemCall: 'read' },
  // execFileSync runs a private libuv loop on the calling thread, whose epoll waits for the child's exit (its SIGCHLD
  // through a signal pipe): not wait4, and not the work's own event loop, whose epoll instance was open at ready().
  'blocking-exec-sync': { state: 'in-system-call', systemCall: 'epoll_pwait' },
  'ignores-stop': { state: 'running', systemCall: null, kernelState: 'R' },
} as const;
const runner = createTrialRunner();
afterAll(() => runner.remove());

describe.each(Object.entries(WORK_WHEN_STOPPED))('%s', (workload, activity) => {
  it.each(NODE_RUNTIME_NAMES)('never sees an abort in a %s: the stop times out as hung, and its thread is found as it was', async (runtime) => {
    const workloadUrl = BUILT_IN_WORKLOADS[workload as keyof typeof WORK_WHEN_STOPPED].moduleUrl;
    const result = await runner.run({ workloadUrl, runtime, kill: 'abort', stopTimeoutMs: 1000 });
    expect(result).toMatchObject({ outcome: 'hung', phase: 'stop', cleanupRan: false, workAtStop: activity, workAtHang: activity });
    // Read once the stop timeout ran out (a timer may fire a fraction of a millisecond before performance.now() says so).
    expect(result.outcome === 'hung' && result.workAtHang?.afterKillMs).toBeGreaterThanOrEqual(995);
  });
});

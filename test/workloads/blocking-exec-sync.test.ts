import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const workloadUrl = BUILT_IN_WORKLOADS['blocking-exec-sync'].moduleUrl;
const STOP_TIMEOUT_MS = 1000;
const runner = createTrialRunner();
afterAll(() => runner.remove());

describe('blocking-exec-sync under a forced stop', () => {
  it('terminate() cannot end a thread waiting in execFileSync: hung, with its sleep still running under the host', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'thread', kill: 'terminate', stopTimeoutMs: STOP_TIMEOUT_MS });
    // spawnSync waits in its own event loop (epoll_pwait) and runs no JavaScript until the child exits, so the
    // termination V8 was asked for never takes effect.
    expect(result).toMatchObject({ outcome: 'hung', phase: 'stop', cleanupRan: false });
    expect(result.outcome === 'hung' && result.leftovers.processes?.survivors).toEqual([expect.objectContaining({ command: 'sleep', orphaned: false })]);
  });

  it('SIGKILL ends a child waiting in execFileSync, but not its sleep, which is orphaned', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'process', kill: 'sigkill', stopTimeoutMs: STOP_TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'leaked', cleanupRan: false, exit: { signal: 'SIGKILL' } });
    expect(result.outcome === 'leaked' && result.leftovers.processes?.survivors).toEqual([expect.objectContaining({ command: 'sleep', orphaned: true })]);
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 1 });
  });
});

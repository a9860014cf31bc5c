import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const workloadUrl = BUILT_IN_WORKLOADS['blocking-fifo-read'].moduleUrl;
const FIFO = 'never-written.fifo';
const STOP_TIMEOUT_MS = 1000;
const runner = createTrialRunner();
afterAll(() => runner.remove());

describe('blocking-fifo-read under a forced stop', () => {
  it('terminate() cannot end a thread blocked in read(2): hung, with the FIFO and its descriptor still in the host', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'thread', kill: 'terminate', stopTimeoutMs: STOP_TIMEOUT_MS });
    // V8 asks the thread to stop at its next JavaScript step, which a system call that never returns never reaches;
    // only the SIGKILL of the whole host, after the stop timeout, ends it.
    expect(result).toMatchObject({ outcome: 'hung', phase: 'stop', cleanupRan: false, leftovers: { tempFiles: { paths: [FIFO] } } });
    const fifoDescriptors = result.outcome === 'hung' ? result.leftovers.fds?.descriptors.filter((link) => link.endsWith(`/${FIFO}`)) : [];
    expect(fifoDescriptors).toEqual([expect.stringMatching(/^host \d+ -> /)]);
  });

  it('SIGKILL ends a child blocked in read(2); the kernel closes the descriptor, the FIFO stays on disk', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'process', kill: 'sigkill', stopTimeoutMs: STOP_TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'leaked', cleanupRan: false, leftovers: { tempFiles: { paths: [FIFO] } } });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 1, processes: 0 });
  });
});

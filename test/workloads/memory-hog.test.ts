import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { memoryProbe } from '../../src/probes/memory.ts';
import { createProbeTarget } from '../../src/probes/probe-target.ts';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { type StartedInTest, startInTest } from '../support/start-work.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const workloadUrl = BUILT_IN_WORKLOADS['memory-hog'].moduleUrl;
const HELD_BYTES = 8 * 32 * 1024 * 1024;
const runner = createTrialRunner();
let started: StartedInTest | undefined;
afterEach(() => started?.dispose());
afterAll(() => runner.remove());

// The tests of this file read the resident memory of this very process (thread runtime): they run one at a time.
describe.each(NODE_RUNTIME_NAMES)('memory-hog in a %s', (runtime) => {
  it('holds its 256 MiB of buffers resident in the owning process by ready()', async () => {
    const before = runtime === 'thread' ? residentBytes(process.pid) : 0;
    started = startInTest(runtime, workloadUrl);
    await started.ready;
    expect(residentBytes(started.ownerPid) - before).toBeGreaterThan(HELD_BYTES);
    const end = await started.stop();
    expect(end.error).toBeNull();
    expect(started.readCleanupSteps()).toEqual(['buffers and objects released']);
  });
});

describe('memory-hog under a forced stop', () => {
  it('terminate() in a thread gives the buffers back to the process at once, though no cleanup ran', async () => {
    const before = residentBytes(process.pid);
    started = startInTest('thread', workloadUrl);
    await started.ready;
    // dispose() forces the stop (worker.terminate()) and waits until the worker's OS thread is gone.
    await started.dispose();
    // Disposing the worker's isolate frees its ArrayBuffers; memory this large is unmapped, not kept by malloc.
    expect(residentBytes(process.pid) - before).toBeLessThan(HELD_BYTES / 4);
    expect(started.readCleanupSteps()).toEqual([]);
  });

  it.each([
    ['thread', 'terminate'],
    ['process', 'sigkill'],
  ] as const)('a %s stopped by %s leaves nothing the probes find, and no cleanup ran', async (runtime, kill) => {
    const result = await runner.run({ workloadUrl, runtime, kill });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: false });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });
});

function residentBytes(pid: number): number {
  const target = createProbeTarget({ trialId: '', hostPid: pid, workDir: '' });
  const bytes = memoryProbe.snapshot(target);
  target.window.close();
  if (bytes === null) throw new Error(`cannot read the resident memory of ${pid}`);
  return bytes;
}

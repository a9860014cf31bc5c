import { afterAll, describe, expect, it } from 'vitest';
import type { RuntimeName } from '../../src/runtime/runtime.ts';
import { HELD_BYTES } from '../fixtures/workloads/holds-memory.ts';
import { createTrialRunner, fixtureUrl } from '../support/trial-runner.ts';

const RUNTIMES: RuntimeName[] = ['thread', 'process'];

const runner = createTrialRunner();
afterAll(() => runner.remove());

describe('runTrial records the memory the work added at ready()', () => {
  // The harness reads the host's smaps_rollup, and the child's, a child of that host: both must be readable.
  it.each(RUNTIMES)('as RSS, PSS and USS in a %s, PSS within RSS and both above what the work holds', async (runtime) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('holds-memory'), runtime, kill: 'abort' });
    expect(result.outcome).toBe('stopped');
    const workMemory = 'workMemory' in result ? result.workMemory : null;
    expect(workMemory).not.toBeNull();
    const { rssBytes, pssBytes, ussBytes } = workMemory ?? { rssBytes: 0, pssBytes: 0, ussBytes: 0 };
    expect(pssBytes).toBeLessThanOrEqual(rssBytes);
    expect(ussBytes).toBeGreaterThan(0.9 * HELD_BYTES);
    expect(pssBytes).toBeGreaterThan(0.9 * HELD_BYTES);
  });
});

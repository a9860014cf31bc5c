import { afterAll, describe, expect, it } from 'vitest';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import sharedStruct from '../../src/workloads/shared-struct.ts';
import { SHARED_MEMORY_SLOTS } from '../../src/workload/shared-memory.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const workloadUrl = BUILT_IN_WORKLOADS['shared-struct'].moduleUrl;
/** Every kill below lands after field a was written and before field b, not by luck: the harness holds the section. */
const betweenFields = { kind: 'section', section: 'between-fields', afterMs: 0 } as const;
const NOTHING = { fds: 0, tempFiles: 0, processes: 0 };
const runner = createTrialRunner();
afterAll(() => runner.remove());

describe('shared-struct checkSharedMemory()', () => {
  const check = (a: number, b: number) => {
    const view = new Int32Array(SHARED_MEMORY_SLOTS);
    view.set([a, b]);
    return sharedStruct.checkSharedMemory?.(view);
  };

  it('finds the record whole when both fields hold the same update, the untouched one included', () => {
    expect([check(7, 7), check(0, 0)]).toEqual([
      { acknowledged: 1, missing: 0, torn: 0 },
      { acknowledged: 1, missing: 0, torn: 0 },
    ]);
  });

  it('counts the record torn, naming both updates, when field b lags behind field a', () => {
    expect(check(8, 7)).toEqual({ acknowledged: 1, missing: 0, torn: 1, detail: 'the record is torn: field a holds update 8, field b update 7' });
  });
});

describe('shared-struct under a stop aimed between its two fields', () => {
  it('terminate() in a thread leaves the record torn in the memory the host shares', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'thread', kill: 'terminate', killPoint: betweenFields });
    expect(result).toMatchObject({
      outcome: 'leaked',
      killedInSection: 'between-fields',
      cleanupRan: false,
      sharedMemory: { checked: true, torn: 1 },
      integrity: { acknowledged: 1, missing: 0, torn: 1, detail: 'shared memory: the record is torn: field a holds update 1, field b update 0' },
    });
    expect(countLeftovers(result)).toEqual(NOTHING);
  });

  it('SIGKILL to a child leaves nothing to check: its memory was its own and ended with it', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'process', kill: 'sigkill', killPoint: betweenFields });
    expect(result).toMatchObject({
      outcome: 'stopped',
      killedInSection: 'between-fields',
      sharedMemory: { checked: false, reason: "a child's memory is its own and ended with it" },
      integrity: null,
    });
  });

  it.each(NODE_RUNTIME_NAMES)('abort in a %s finishes the update it is in: the record is whole', async (runtime) => {
    const result = await runner.run({ workloadUrl, runtime, kill: 'abort', killPoint: betweenFields });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: true });
    const checked = { sharedMemory: { checked: true, torn: 0 }, integrity: { acknowledged: 1, missing: 0, torn: 0 } };
    expect(result).toMatchObject(runtime === 'thread' ? checked : { sharedMemory: { checked: false }, integrity: null });
  });
});

import { describe, expect, it } from 'vitest';
import { runtimeCosts } from '../../../src/report/tradeoffs/runtime-costs.ts';
import { stopLatency } from '../../../src/report/tradeoffs/stop-latency.ts';
import { MEBIBYTE } from '../build-leftovers.ts';
import { cell, hungCell, recordOf } from '../build-cells.ts';

describe('stopLatency', () => {
  it('compares the median stop of each kill style run in both runtimes, over the workloads both ended', () => {
    const sentences = stopLatency.describe(
      recordOf(cell('cpu-loop', 'abort', 'thread', 2, { stopMs: 5 }), cell('cpu-loop', 'abort', 'process', 2, { stopMs: 15 }), cell('cpu-loop', 'terminate', 'thread', 2)),
    );
    expect(sentences).toEqual([
      'The work of a thread was gone sooner than that of a process in 1 of 1 comparison (median `stopMs` over the workloads both runtimes ended).',
      '`abort`: 5.0 ms over 2 trials (cpu-loop / abort / thread) against 15.0 ms over 2 trials (cpu-loop / abort / process), the process 3.0× the thread.',
    ]);
  });

  it('leaves out a workload only one runtime ended, so a blocked call cannot move one median alone', () => {
    const [, abort] = stopLatency.describe(
      recordOf(
        cell('cpu-loop', 'abort', 'thread', 1, { stopMs: 5 }),
        cell('cpu-loop', 'abort', 'process', 1, { stopMs: 15 }),
        hungCell('blocking-read', 'abort', 'thread', 1),
        cell('blocking-read', 'abort', 'process', 1, { stopMs: 900 }),
      ),
    );
    expect(abort).toBe('`abort`: 5.0 ms over 1 trial (cpu-loop / abort / thread) against 15.0 ms over 1 trial (cpu-loop / abort / process), the process 3.0× the thread.');
  });

  it("sets the thread's forced stop against the process's", () => {
    const sentences = stopLatency.describe(recordOf(cell('cpu-loop', 'terminate', 'thread', 1, { stopMs: 4 }), cell('cpu-loop', 'sigkill', 'process', 1, { stopMs: 8 })));
    expect(sentences).toContain(
      'Forced (`terminate` of a worker, `sigkill` of a child): 4.0 ms over 1 trial (cpu-loop / terminate / thread) against 8.0 ms over 1 trial (cpu-loop / sigkill / process), the process 2.0× the thread.',
    );
  });

  it('says nothing when no stop ended the same workload in both runtimes', () => {
    expect(stopLatency.describe(recordOf(cell('cpu-loop', 'terminate', 'thread', 2)))).toEqual([]);
  });
});

describe('runtimeCosts', () => {
  it('states spawn latency and work memory only where both runtimes measured them', () => {
    const sentences = runtimeCosts.describe(
      recordOf(cell('cpu-loop', 'abort', 'thread', 1, { startMs: 20, workMemoryBytes: null }), cell('cpu-loop', 'abort', 'process', 1, { startMs: 50, workMemoryBytes: 30 * MEBIBYTE })),
    );
    expect(sentences).toEqual([
      'Spawn latency (asked to start until `ready()`): median 20.0 ms in a thread (n = 1) and 50.0 ms in a process (n = 1), the process 2.5× the thread, over every probed trial of each runtime.',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { summarizeRuntimes } from '../../src/analysis/summarize-runtimes.ts';
import { buildLeftovers, buildMemory, MEBIBYTE } from '../report/build-leftovers.ts';
import { buildErrored, buildHung, buildNotApplicable, buildStopped, buildWorkMemory } from '../report/build-record.ts';

function withMemory(grownMebibytes: number | null) {
  return buildLeftovers({ memory: grownMebibytes === null ? null : buildMemory(grownMebibytes * MEBIBYTE) });
}

describe('summarizeRuntimes', () => {
  it('pools stop times across workloads and kill styles, over stopped and leaked trials only', () => {
    const [thread] = summarizeRuntimes(
      ['thread'],
      [
        buildStopped({ kill: 'abort', workload: 'cpu-loop', stopMs: 30 }),
        buildStopped({ kill: 'terminate', workload: 'grandchild', outcome: 'leaked', stopMs: 10 }),
        buildStopped({ kill: 'terminate', workload: 'cpu-loop', stopMs: 20 }),
        buildHung(),
        buildErrored(),
      ],
    );
    expect(thread?.stopMs).toEqual({ count: 3, median: 20, p95: 29, max: 30, mean: 20 });
  });

  it('takes memory growth over the trials whose memory probe read, hung ones included', () => {
    const [thread] = summarizeRuntimes(
      ['thread'],
      [buildStopped({ leftovers: withMemory(1) }), buildStopped({ leftovers: withMemory(null) }), buildHung({ leftovers: withMemory(5) })],
    );
    expect(thread?.memoryGrownBytes).toMatchObject({ count: 2, median: 3 * MEBIBYTE });
  });

  it('keeps the runtimes apart, in the order of the plan, then any only the results name', () => {
    const summaries = summarizeRuntimes(['process'], [buildStopped({ stopMs: 7 }), buildStopped({ runtime: 'process', sharedMutex: null, stopMs: 3 })]);
    expect(summaries.map(({ runtime, stopMs }) => [runtime, stopMs?.median])).toEqual([
      ['process', 3],
      ['thread', 7],
    ]);
  });

  it('summarizes spawn latency and work memory over the probed trials that recorded them, hung ones included', () => {
    const [thread] = summarizeRuntimes(
      ['thread'],
      [
        buildStopped({ startMs: 20, workMemory: buildWorkMemory(4, 3, 10) }),
        buildStopped({ startMs: null, workMemory: null }),
        buildHung({ startMs: 40, workMemory: buildWorkMemory(8, 5, 20) }),
      ],
    );
    expect(thread?.startMs).toMatchObject({ count: 2, median: 30, max: 40 });
    expect(thread?.workMemory?.pssBytes).toMatchObject({ count: 2, median: 6 * MEBIBYTE, max: 8 * MEBIBYTE });
    expect(thread?.workMemory?.ussBytes).toMatchObject({ count: 2, median: 4 * MEBIBYTE, max: 5 * MEBIBYTE });
    expect(thread?.workMemory?.rssBytes).toMatchObject({ count: 2, median: 15 * MEBIBYTE, max: 20 * MEBIBYTE });
  });

  it('is null, never 0, for a runtime with nothing stopped or measured', () => {
    const unmeasured = { workMemoryPss: null, memoryGrownBytes: null };
    const byHost = { fresh: unmeasured, reused: unmeasured };
    expect(summarizeRuntimes(['thread', 'process'], [buildNotApplicable(), buildErrored()])).toEqual([
      { runtime: 'thread', startMs: null, workMemory: null, stopMs: null, memoryGrownBytes: null, byHost },
      { runtime: 'process', startMs: null, workMemory: null, stopMs: null, memoryGrownBytes: null, byHost },
    ]);
  });

  it('gives the memory figures of trials in a fresh host and in a reused one apart', () => {
    const grown = (hostReused: boolean, megabytes: number) =>
      buildStopped({ runtime: 'thread', hostReused, leftovers: buildLeftovers({ memory: buildMemory(megabytes * 1024 ** 2) }) });
    const [thread] = summarizeRuntimes(['thread'], [grown(false, 6), grown(true, 1), grown(true, 3)]);
    expect(thread?.byHost.fresh.memoryGrownBytes).toMatchObject({ count: 1, median: 6 * 1024 ** 2 });
    expect(thread?.byHost.reused.memoryGrownBytes).toMatchObject({ count: 2, median: 2 * 1024 ** 2 });
  });
});

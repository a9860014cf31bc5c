import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';
import type { KillStyleName } from '../../src/kill-styles/kill-styles.ts';
import type { RunRecord } from '../../src/record/run-record.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { resolveWorkloads } from '../../src/run/resolve-workloads.ts';
import { runHarness } from '../../src/run/run-harness.ts';
import type { RuntimeName } from '../../src/runtime/runtime.ts';

const MEBIBYTE = 1024 ** 2;
const CYCLES = 4;

async function runCycles(kills: KillStyleName[], runtimes: RuntimeName[]): Promise<RunRecord> {
  const workloads = await resolveWorkloads(['keeps-native-memory']);
  return runHarness({
    ...DEFAULTS,
    runtimes,
    kills,
    workloads,
    trials: CYCLES,
    cycles: CYCLES,
    seed: 7,
    shard: null,
    lingerMs: 0,
    concurrency: 2,
    command: 'test',
  });
}

function cellOf(record: RunRecord, kill: KillStyleName, runtime: RuntimeName): TrialResult[] {
  return record.results.filter((result) => result.kill === kill && result.runtime === runtime);
}

/** The host's PSS after each cycle, in MiB. */
function pssSeries(results: readonly TrialResult[]): (number | null)[] {
  return results.map((result) => ('cycle' in result && result.cycle?.memory ? result.cycle.memory.pssBytes / MEBIBYTE : null));
}

describe('--cycles', () => {
  it('runs each cell as cycles in one host, read after each, where native memory a worker kept stays with a terminate that skips its cleanup', async () => {
    const record = await runCycles(['terminate', 'abort'], ['thread']);
    expect(record.plan.cycles).toBe(CYCLES);
    const terminated = cellOf(record, 'terminate', 'thread');
    const aborted = cellOf(record, 'abort', 'thread');
    for (const cell of [terminated, aborted]) {
      expect(cell.map((result) => result.trial)).toEqual([1, 2, 3, 4]);
      expect(cell.map((result) => ('cycle' in result ? result.cycle?.host : undefined))).toEqual([1, 1, 1, 1]);
      expect(cell.map((result) => ('hostReused' in result ? result.hostReused : undefined))).toEqual([false, true, true, true]);
      expect(cell[0] && 'cycle' in cell[0] ? cell[0].cycle?.memoryBefore?.pssBytes : undefined).toBeGreaterThan(0);
    }
    // 16 MiB per start stays in the host when the worker is terminated; its cleanup unmaps them on abort.
    const kept = pssSeries(terminated);
    const freed = pssSeries(aborted);
    expect((kept[3] ?? 0) - (kept[0] ?? 0)).toBeGreaterThan(3 * 12);
    expect(Math.abs((freed[3] ?? 0) - (freed[0] ?? 0))).toBeLessThan(12);
  });

  it('gives each cycle a fresh host where the style ends it, and says why no memory was read', async () => {
    const record = await runCycles(['host-death', 'sigkill'], ['process']);
    const killedHosts = cellOf(record, 'host-death', 'process');
    expect(killedHosts.map((result) => ('cycle' in result ? [result.cycle?.host, result.cycle?.memory, result.cycle?.notMeasured] : null))).toEqual(
      [1, 2, 3, 4].map((host) => [host, null, 'host-death ends the host itself']),
    );
    const killedChildren = cellOf(record, 'sigkill', 'process');
    expect(pssSeries(killedChildren).every((pss) => pss !== null && pss > 0)).toBe(true);
  });
});

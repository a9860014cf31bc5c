import { afterAll, describe, expect, it } from 'vitest';
import type { KillStyleName } from '../../src/kill-styles/kill-styles.ts';
import { type ParentHold, wentOnAtOnce } from '../../src/record/parent-exit.ts';
import type { StoppedTrial, TrialResult } from '../../src/record/trial-result.ts';
import type { RuntimeName } from '../../src/runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { createTrialRunner, fixtureUrl } from '../support/trial-runner.ts';

const runner = createTrialRunner();
afterAll(() => runner.remove());

/** Past the fixtures' one-second helpers: the parent is watched until they end by themselves. */
const LINGER_MS = 3_000;
/**
 * How far apart two watches may see the same helper's end: the host's reads every 10 ms, the harness's every 50 ms
 * between full snapshots, both late by whatever else the 2 cores run meanwhile.
 */
const SAME_END_MS = 500;

async function runStopped(workload: string, runtime: RuntimeName, kill: KillStyleName, lingerMs = LINGER_MS): Promise<StoppedTrial> {
  const result: TrialResult = await runner.run({ workloadUrl: fixtureUrl(workload), runtime, kill, lingerMs });
  if (result.outcome !== 'stopped' && result.outcome !== 'leaked') throw new Error(`trial ${result.outcome}: ${JSON.stringify(result)}`);
  return result;
}

/** How long after the kill the helper the fixture started lived, as the harness's watch of leftovers saw it go. */
function helperLifetime(result: StoppedTrial): number | null {
  return result.lifetimes?.find((lifetime) => lifetime.probe === 'processes' && lifetime.item.startsWith('sleep'))?.goneAfterMs ?? null;
}

function pipeHolds(result: StoppedTrial): Extract<ParentHold, { kind: 'pipe' }>[] {
  return (result.parentHeldBy ?? []).flatMap((hold) => (hold.kind === 'pipe' ? [hold] : []));
}

describe('a child whose grandchild holds its stdout', () => {
  it.each(['sigkill', 'sigterm'] as const)('holds the parent after %s as long as the grandchild lives, by its pipes, named', async (kill) => {
    const result = await runStopped('grandchild-holds-stdout', 'process', kill);
    const lived = helperLifetime(result);
    expect(lived).not.toBeNull();
    expect(result.parentSettledMs).not.toBeNull();
    expect(Math.abs((result.parentSettledMs ?? 0) - (lived ?? 0))).toBeLessThan(SAME_END_MS);
    expect(result.parentAwaitMs).toBeGreaterThan(result.stopMs + 500);
    const channels = pipeHolds(result).map((hold) => hold.channel);
    expect(channels).toEqual(expect.arrayContaining(['stdout', 'stderr']));
    for (const hold of pipeHolds(result)) expect(hold.holders.map((holder) => holder.command)).toContain('sleep');
    expect(result.parentHeldBy).toContainEqual(expect.objectContaining({ kind: 'promise', promise: 'await subprocess' }));
  });

  it.each(['tree-kill', 'abort'] as const)('lets the parent go on at once after %s, held by nothing', async (kill) => {
    const result = await runStopped('grandchild-holds-stdout', 'process', kill);
    expect(result.parentSettledMs).not.toBeNull();
    expect(wentOnAtOnce(result)).toBe(true);
    expect(result.parentHeldBy).toEqual([]);
  });

  it('reads the parent as still held, by whom, when the watch ends first', async () => {
    const result = await runStopped('grandchild-holds-stdout', 'process', 'sigkill', 300);
    expect(result.parentSettledMs).toBeNull();
    expect(result.parentWatchedMs).toBeGreaterThanOrEqual(300);
    expect(pipeHolds(result).map((hold) => [hold.channel, hold.heldUntilMs])).toEqual([
      ['stdout', null],
      ['stderr', null],
    ]);
  });

  it('ties nothing of a worker thread host to the grandchild: its stdio are the host’s own', async () => {
    const result = await runStopped('grandchild-holds-stdout', 'thread', 'terminate');
    expect(result.outcome).toBe('leaked');
    expect(wentOnAtOnce(result)).toBe(true);
    expect(result.parentHeldBy).toEqual([]);
  });
});

describe('a child whose grandchild holds its IPC channel', () => {
  it('holds the parent after sigkill by the IPC channel until the grandchild ends', async () => {
    const result = await runStopped('keeps-parent-handle', 'process', 'sigkill');
    expect(pipeHolds(result).map((hold) => hold.channel)).toEqual(['IPC channel']);
    expect(Math.abs((result.parentSettledMs ?? 0) - (helperLifetime(result) ?? Infinity))).toBeLessThan(SAME_END_MS);
  });

  it('lets the parent go on at once after tree-kill', async () => {
    const result = await runStopped('keeps-parent-handle', 'process', 'tree-kill');
    expect(wentOnAtOnce(result)).toBe(true);
  });
});

describe('a worker blocked in a call terminate() cannot interrupt', () => {
  it('holds the parent by its thread, in that call, when the stop timeout declares it hung', async () => {
    const result = await runner.run({
      workloadUrl: BUILT_IN_WORKLOADS['blocking-exec-sync'].moduleUrl,
      runtime: 'thread',
      kill: 'terminate',
      stopTimeoutMs: 1_000,
    });
    expect(result.outcome).toBe('hung');
    if (result.outcome !== 'hung') return;
    expect(result.parentSettledMs).toBeNull();
    expect(result.parentHeldBy).toContainEqual(expect.objectContaining({ kind: 'system-call', heldUntilMs: null }));
    expect(result.parentHeldBy).toContainEqual(expect.objectContaining({ kind: 'handle', resource: 'MessagePort' }));
  });
});

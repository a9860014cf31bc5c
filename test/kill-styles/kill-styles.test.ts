import { afterAll, describe, expect, it } from 'vitest';
import { countLeftovers, createTrialRunner, fixtureUrl } from '../support/trial-runner.ts';

const runner = createTrialRunner();
afterAll(() => runner.remove());

const NOTHING = { fds: 0, tempFiles: 0, processes: 0 };
// What cleans-up leaves when its finally never runs: held.log and its tmp file, and its sleep child.
const SKIPPED_CLEANUP = { fds: 0, tempFiles: 2, processes: 1 };

describe('abort-then-force', () => {
  it.each(['thread', 'process'] as const)('ends a cooperative %s by the abort, with its cleanup', async (runtime) => {
    // A grace a loaded machine cannot use up before the cleanup is done: a wait ends as soon as the work is gone.
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), runtime, kill: 'abort-then-force', graceMs: 5_000 });
    expect(result).toMatchObject({ outcome: 'stopped', endedBy: 'abort', cleanupRan: true });
  });

  it.each(['thread', 'process'] as const)('forces a %s that ignores the abort once the grace period is over', async (runtime) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('ignores-abort'), runtime, kill: 'abort-then-force' });
    expect(result).toMatchObject({ outcome: 'stopped', endedBy: 'force', cleanupRan: false });
    // The stop lasted at least the grace period the trial runner gives (500 ms).
    expect(result.outcome === 'stopped' && result.stopMs).toBeGreaterThanOrEqual(500);
  });
});

describe('signals to a child', () => {
  it('sigterm-handled turns SIGTERM into the cooperative stop: the cleanup runs and nothing is left', async () => {
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), runtime: 'process', kill: 'sigterm-handled' });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: true, exit: { code: 0, signal: null } });
    expect(countLeftovers(result)).toEqual(NOTHING);
  });

  it('sigint ends a child with no handler before its cleanup', async () => {
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), runtime: 'process', kill: 'sigint' });
    expect(result).toMatchObject({ outcome: 'leaked', cleanupRan: false, exit: { signal: 'SIGINT' } });
    expect(countLeftovers(result)).toEqual(SKIPPED_CLEANUP);
  });

  it('tree-kill takes the grandchild down with the child, where sigkill leaves it', async () => {
    const treeKilled = await runner.run({ workloadUrl: fixtureUrl('spawns-grandchild'), runtime: 'process', kill: 'tree-kill' });
    const killed = await runner.run({ workloadUrl: fixtureUrl('spawns-grandchild'), runtime: 'process', kill: 'sigkill' });
    expect(countLeftovers(treeKilled)).toEqual(NOTHING);
    expect(countLeftovers(killed)).toEqual({ ...NOTHING, processes: 1 });
  });
});

describe('timeout', () => {
  it.each(['thread', 'process'] as const)("stops a %s at the runtime's own deadline", async (runtime) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), runtime, kill: 'timeout' });
    // execa's timeout sends SIGTERM; tinypool's abort terminates the worker: neither runs the cleanup.
    expect(result).toMatchObject({ outcome: 'leaked', cleanupRan: false });
    expect(countLeftovers(result)).toEqual(SKIPPED_CLEANUP);
    // Counted from the deadline (4 s after the start), not from the moment the harness ordered the kill at ready(),
    // which would add the seconds between ready() and the deadline.
    expect(result.outcome === 'leaked' && result.stopMs).toBeGreaterThanOrEqual(0);
    expect(result.outcome === 'leaked' && result.stopMs).toBeLessThan(1000);
  });
});

describe('faults of the workload itself', () => {
  it.each(['thread', 'process'] as const)('crash: an uncaught error ends a %s without its cleanup', async (runtime) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), runtime, kill: 'crash' });
    expect(result).toMatchObject({ outcome: 'leaked', cleanupRan: false });
    expect(result.outcome === 'leaked' && result.exit.error).toMatch(/InjectedCrash|crash injected/);
    expect(countLeftovers(result)).toEqual(SKIPPED_CLEANUP);
  });

  it.each(['thread', 'process'] as const)('exit: process.exit() mid-work ends a %s without its cleanup', async (runtime) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), runtime, kill: 'exit' });
    expect(result).toMatchObject({ outcome: 'leaked', cleanupRan: false });
    expect(countLeftovers(result)).toEqual(SKIPPED_CLEANUP);
  });

  // tinypool never settles the task of a worker that called process.exit(); its 1 s settle allowance must not count
  // against a stop timeout no longer than that.
  it('exit: a worker gone at once is stopped, not hung, within a stop timeout as short as the settle allowance', async () => {
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), runtime: 'thread', kill: 'exit', stopTimeoutMs: 1000 });
    expect(result.outcome).toBe('leaked');
    expect(result.outcome === 'leaked' && result.stopMs).toBeLessThan(500);
  });
});

describe('host-death', () => {
  it('leaves a child process orphaned and alive, with its grandchild', async () => {
    const result = await runner.run({ workloadUrl: fixtureUrl('spawns-grandchild'), runtime: 'process', kill: 'host-death' });
    expect(result).toMatchObject({ outcome: 'leaked', endedBy: 'host-death' });
    const survivors = result.outcome === 'leaked' ? result.leftovers.processes?.survivors.map((survivor) => survivor.command).sort() : [];
    expect(survivors).toEqual(['node', 'sleep']);
  });

  it('takes a worker thread down with its host, but not the grandchild it spawned', async () => {
    const result = await runner.run({ workloadUrl: fixtureUrl('spawns-grandchild'), runtime: 'thread', kill: 'host-death' });
    const survivors = result.outcome === 'leaked' ? result.leftovers.processes?.survivors.map((survivor) => survivor.command) : [];
    expect(survivors).toEqual(['sleep']);
  });
});

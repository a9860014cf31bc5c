import { existsSync, rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { KillStyleName } from '../../src/kill-styles/kill-styles.ts';
import type { RuntimeName } from '../../src/runtime/runtime.ts';
import type { StoppedTrial, TrialResult } from '../../src/record/trial-result.ts';
import { toWorkloadUrl } from '../../src/workload/load-workload.ts';
import { findFixtureFiles, findFixtureProcesses } from '../support/fixture-leftovers.ts';
import { createTrialRunner } from '../support/trial-runner.ts';
import { DEFAULT_LINGER_MS } from '../../src/trial/measure-trial.ts';
import { LINGER_MS } from '../fixtures/workloads/escapes/lingering-service.ts';

// Each way out of the trial, in both runtimes, under forced stops and a cooperative abort. The fixtures never
// clean up after themselves, so what each stop leaves is known: the result must count exactly that, say how it
// found each process, and the harness must leave nothing once the trial is over (checked by command line and path,
// not through the harness's own probes).
const runner = createTrialRunner();
afterAll(() => runner.remove());
afterEach(() => {
  for (const path of findFixtureFiles()) rmSync(path, { force: true });
});

const fixture = (name: string) => toWorkloadUrl(`test/fixtures/workloads/escapes/${name}.ts`);
const STOPS: ReadonlyArray<[RuntimeName, KillStyleName]> = [
  ['thread', 'abort'],
  ['thread', 'terminate'],
  ['process', 'abort'],
  ['process', 'sigkill'],
  ['process', 'tree-kill'],
];

/**
 * How many sleeps each fixture leaves after a stop: tree-kill reaches only those still in the child's tree. A setsid
 * daemon with an empty environment is re-parented to its host, the trial's child subreaper, and found there, with
 * or without a cgroup: for root and for any other user alike.
 */
const SLEEPERS_LEFT: Record<string, (kill: KillStyleName) => number> = {
  'minimal-environment-grandchild': (kill) => (kill === 'tree-kill' ? 0 : 1),
  'setsid-daemon': () => 1,
  'shell-background': () => 1,
  'inherits-stdio': (kill) => (kill === 'tree-kill' ? 0 : 1),
};

describe.each(Object.entries(SLEEPERS_LEFT))('%s', (name, sleepersLeft) => {
  it.each(STOPS)('in a %s stopped by %s: counts what is left, reaps it, and ends at the exit', async (runtime, kill) => {
    const result = stopped(await runner.run({ workloadUrl: fixture(name), runtime, kill }));
    const expected = sleepersLeft(kill);
    expect(result.leftovers.processes?.total).toBe(expected);
    for (const survivor of result.leftovers.processes?.survivors ?? []) {
      expect(survivor.command).toBe('sleep');
      // Only the one that inherited its parent's environment carries the marker: the others were found other ways.
      expect(survivor.foundBy.includes('marker')).toBe(name === 'inherits-stdio');
      expect(survivor.foundBy.length).toBeGreaterThan(0);
    }
    // A child's stdout and stderr are pipes its parent reads (execa's defaults): a sleep that inherited them keeps the
    // parent's two ends open, descriptors the stop left in the host for as long as the sleep lives.
    const heldPipes = name === 'inherits-stdio' && runtime === 'process' && expected > 0 ? 2 : 0;
    expect({ outcome: result.outcome, left: totals(result) }).toEqual({
      outcome: expected > 0 ? 'leaked' : 'stopped',
      left: { ...NOTHING, processes: expected, fds: heldPipes },
    });
    // A grandchild holding inherited stdio must not hold the stop: the work ends at its exit.
    expect(result.stopMs).toBeLessThan(1_000);
    expect(findFixtureProcesses()).toEqual([]);
  });
});

describe('holds-fixed-paths', () => {
  it.each(STOPS)('in a %s stopped by %s: both files outside the trial directory are counted by path, then removed', async (runtime, kill) => {
    const result = stopped(await runner.run({ workloadUrl: fixture('holds-fixed-paths'), runtime, kill }));
    const outside = result.leftovers.tempFiles?.outside ?? [];
    expect(outside.map((file) => [file.path.split('/')[1], file.attributedBy])).toEqual([
      ['dev', 'held-open'],
      ['tmp', 'held-open'],
    ]);
    expect(result.leftovers.tempFiles?.total).toBe(2);
    expect(result.outcome).toBe('leaked');
    for (const file of outside) expect(existsSync(file.path)).toBe(false);
  });
});

describe('serves-unix-socket', () => {
  it.each(STOPS)('in a %s stopped by %s: a socket file left in /tmp is tied to the trial through the socket it served', async (runtime, kill) => {
    const result = stopped(await runner.run({ workloadUrl: fixture('serves-unix-socket'), runtime, kill }));
    // Closing the server unlinks the file (libuv does, and a terminated worker's handles are closed too); only a
    // killed process leaves it.
    const left = runtime === 'process' && kill !== 'abort' ? 1 : 0;
    const outside = result.leftovers.tempFiles?.outside ?? [];
    expect(outside.map((file) => [file.path.endsWith('.sock'), file.attributedBy])).toEqual(left === 1 ? [[true, 'held-open']] : []);
    expect(findFixtureFiles()).toEqual([]);
  });
});

describe('flock-outside', () => {
  it.each(STOPS)('in a %s stopped by %s: the lock on a file in /tmp, held by an unmarked grandchild, is seen', async (runtime, kill) => {
    const result = stopped(await runner.run({ workloadUrl: fixture('flock-outside'), runtime, kill }));
    const lockFile = result.leftovers.tempFiles?.outside[0]?.path;
    expect(lockFile).toMatch(/^\/tmp\/ih-fixture-.*\.lock$/);
    // tree-kill takes flock and its sleep down, and the lock with them; every other stop leaves both.
    const held = kill === 'tree-kill' ? 0 : 1;
    expect(result.leftovers.locks?.osLocks.map((lock) => lock.path)).toEqual(held === 1 ? [lockFile] : []);
    expect(result.leftovers.processes?.survivors.map((survivor) => survivor.command).sort()).toEqual(held === 1 ? ['flock', 'sleep'] : []);
    expect(findFixtureProcesses()).toEqual([]);
    expect(existsSync(lockFile ?? '')).toBe(false);
  });
});

describe('lingering-service', () => {
  it.each(STOPS.filter(([, kill]) => kill !== 'tree-kill'))(
    'in a %s stopped by %s: the service it leaves is counted, and seen to go away by itself a moment later',
    async (runtime, kill) => {
      const result = stopped(await runner.run({ workloadUrl: fixture('lingering-service'), runtime, kill, lingerMs: DEFAULT_LINGER_MS }));
      expect(result.outcome).toBe('leaked');
      const [lifetime, ...others] = result.lifetimes ?? [];
      expect(others).toEqual([]);
      expect(lifetime).toMatchObject({ probe: 'processes', item: expect.stringMatching(/^node \(pid \d+\)$/) });
      // It exits 900 ms after its pipe closes, which the stop closes: gone by itself, well before the watch ends.
      expect(lifetime?.goneAfterMs).toBeGreaterThanOrEqual(LINGER_MS);
      expect(lifetime?.goneAfterMs).toBeLessThan(DEFAULT_LINGER_MS);
      expect(findFixtureProcesses()).toEqual([]);
    },
  );

  it('with --linger 0 is counted, not watched, and reaped', async () => {
    const result = stopped(await runner.run({ workloadUrl: fixture('lingering-service'), runtime: 'process', kill: 'sigkill', lingerMs: 0 }));
    expect(result.leftovers.processes?.total).toBe(1);
    expect(result.lifetimes?.map((lifetime) => lifetime.goneAfterMs)).toEqual([null]);
    expect(findFixtureProcesses()).toEqual([]);
  });

  it('a daemon that would live forever stays for the whole watch, and reads as such', async () => {
    const result = stopped(await runner.run({ workloadUrl: fixture('setsid-daemon'), runtime: 'process', kill: 'sigkill', lingerMs: DEFAULT_LINGER_MS }));
    expect(result.lifetimes?.map(({ probe, goneAfterMs }) => ({ probe, goneAfterMs }))).toEqual([{ probe: 'processes', goneAfterMs: null }]);
    expect(result.watchedMs).toBeGreaterThanOrEqual(DEFAULT_LINGER_MS);
  });
});

describe('locked-pidfile-daemon', () => {
  it.each(STOPS)('in a %s stopped by %s: the daemon, its pidfile outside the temp folders and its lock are counted, then removed', async (runtime, kill) => {
    const result = stopped(await runner.run({ workloadUrl: fixture('locked-pidfile-daemon'), runtime, kill }));
    const pidfile = result.leftovers.tempFiles?.outside.map((file) => [file.path.replace(/ih-fixture-.*/, 'pidfile'), file.attributedBy]);
    expect(pidfile).toEqual([['/var/tmp/pidfile', 'held-open']]);
    expect(result.leftovers.locks?.osLocks.map((lock) => lock.path)).toEqual(result.leftovers.tempFiles?.outside.map((file) => file.path));
    // Re-parented to the host, its trial's subreaper, before the stop: orphaned, and found by ancestry there.
    expect(result.leftovers.processes?.survivors.map(({ command, orphaned }) => ({ command, orphaned }))).toEqual([{ command: 'sleep', orphaned: true }]);
    expect(result.containment).toMatchObject({ subreaper: true });
    expect(findFixtureProcesses()).toEqual([]);
    expect(findFixtureFiles()).toEqual([]);
  });
});

describe('creates-and-closes-outside', () => {
  it.each(STOPS)('in a %s stopped by %s: a file nothing holds is listed as unattributed, never counted, and left in place', async (runtime, kill) => {
    const result = stopped(await runner.run({ workloadUrl: fixture('creates-and-closes-outside'), runtime, kill }));
    const created = findFixtureFiles();
    expect(result.leftovers.tempFiles?.outside).toEqual([]);
    expect(result.leftovers.tempFiles?.total).toBe(0);
    expect(result.outcome).toBe('stopped');
    // Its birth while the trial ran ties it to nothing: another program could have made it then. It is listed, or the
    // list is full of other programs' files (a busy machine's) and the count says there were more.
    expect(created).toHaveLength(1);
    const { unattributed = [], unattributedCount = 0 } = result.leftovers.tempFiles ?? {};
    expect(unattributed.includes(created[0] ?? '') || unattributedCount > unattributed.length).toBe(true);
  });
});

const NOTHING = { fds: 0, tempFiles: 0, processes: 0, memory: 0, sockets: 0, locks: 0 };

function totals(result: StoppedTrial): Record<string, number | null> {
  return Object.fromEntries(Object.entries(result.leftovers).map(([probe, found]) => [probe, found?.total ?? null]));
}

function stopped(result: TrialResult): StoppedTrial {
  if (result.outcome !== 'stopped' && result.outcome !== 'leaked') throw new Error(`trial ${result.outcome}: ${JSON.stringify(result)}`);
  return result;
}

import { existsSync, rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { KillStyleName } from '../../src/kill-styles/kill-styles.ts';
import { describeContainment } from '../../src/process-family/containment.ts';
import type { RuntimeName } from '../../src/runtime/runtime.ts';
import type { StoppedTrial, TrialResult } from '../../src/record/trial-result.ts';
import { toWorkloadUrl } from '../../src/workload/load-workload.ts';
import { findFixtureFiles, findFixtureProcesses } from '../support/fixture-leftovers.ts';
import { createTrialRunner } from '../support/trial-runner.ts';

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
 * daemon with an empty environment is seen only through the host's cgroup: without one, it is the blind spot the
 * report lists (test/process-family/scan-family.test.ts shows both), so it is tested here only where there is one.
 */
const SLEEPERS_LEFT: Record<string, (kill: KillStyleName) => number> = {
  'minimal-environment-grandchild': (kill) => (kill === 'tree-kill' ? 0 : 1),
  ...(describeContainment().available ? { 'setsid-daemon': () => 1 } : {}),
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
    expect({ outcome: result.outcome, left: totals(result) }).toEqual({
      outcome: expected > 0 ? 'leaked' : 'stopped',
      left: { ...NOTHING, processes: expected },
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

describe('creates-and-closes-outside', () => {
  it.each(STOPS)('in a %s stopped by %s while no other trial runs: attributed by its birth, and left in place', async (runtime, kill) => {
    const result = stopped(await runner.run({ workloadUrl: fixture('creates-and-closes-outside'), runtime, kill }));
    const outside = result.leftovers.tempFiles?.outside ?? [];
    expect(outside.map((file) => file.attributedBy)).toEqual(['born-alone']);
    expect(result.leftovers.tempFiles?.unattributed).toEqual([]);
    // Its birth time alone ties it to the trial, which another program's file could share: the harness keeps it.
    expect(findFixtureFiles()).toEqual(outside.map((file) => file.path));
  });

  it('with two trials at once, is never attributed to the wrong trial: what cannot be told apart is listed, not counted', async () => {
    const results = (
      await Promise.all([1, 2].map(() => runner.run({ workloadUrl: fixture('creates-and-closes-outside'), runtime: 'process', kill: 'sigkill' })))
    ).map(stopped);
    const attributed = results.flatMap((result) => result.leftovers.tempFiles?.outside.map((file) => file.path) ?? []);
    const unattributed = results.flatMap((result) => result.leftovers.tempFiles?.unattributed ?? []);
    expect(new Set(attributed).size).toBe(attributed.length);
    // Each trial's own file is either attributed to it or listed as unattributed; a file never counts twice.
    for (const path of attributed) expect(unattributed).not.toContain(path);
    // Both files are still there, all of them either attributed by birth or listed: none is removed on a guess.
    const seen = [...new Set([...attributed, ...unattributed])].sort();
    expect(seen).toHaveLength(2);
    expect(findFixtureFiles().sort()).toEqual(seen);
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

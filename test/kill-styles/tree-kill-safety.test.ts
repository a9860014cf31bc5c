import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntilFound } from '../support/sleeping-processes.ts';
import { killTree } from '../../src/kill-styles/tree-kill.ts';
import { createRunId, createTrialId, MARKER_VARIABLE } from '../../src/marker/marker.ts';
import { readEnvironmentVariable } from '../../src/linux-proc/process-environment.ts';
import { readAllProcessStats, readProcessStat } from '../../src/linux-proc/process-stat.ts';
import { createProcessFamily, type ProcessFamily } from '../../src/process-family/process-family.ts';
import { reapFamily } from '../../src/process-family/reap-family.ts';
import { scanFamily } from '../../src/process-family/scan-family.ts';

// The real tree-kill package, on a real tree whose root and one child carry the trial's marker, and whose other
// child is a `sleep` without it (or with another run's): a descendant of the trial all the same, which the family
// gate lets through. A pid recycled after `ps` listed it is, from the gate's side, a pid of no process of the
// family: a tree whose root the family recorded with another start time looks exactly like that.

const trees: { root: ChildProcess; started: ProcessFamily }[] = [];
afterEach(async () => {
  for (const { root, started } of trees.splice(0)) {
    // The tree carries the trial's marker, and its stray is recorded by identity: reaped even once orphaned.
    await reapFamily(started);
    if (root.exitCode === null && root.signalCode === null) await once(root, 'exit');
  }
});

interface Tree {
  readonly root: ChildProcess;
  readonly marked: number;
  readonly stray: number;
}

/** `sh` (then its own `sleep`) → `sleep` (marked, inherited) and `env … sleep` (the marker dropped, or another run's), with the root marked. */
async function startTree(trialId: string, strayMarker: string | null): Promise<Tree> {
  const stray = strayMarker === null ? `env -u ${MARKER_VARIABLE} sleep 300` : `env ${MARKER_VARIABLE}=${strayMarker} sleep 300`;
  // The root execs a sleep of its own rather than waiting for its children: a shell whose children tree-kill killed
  // first would exit by itself before its own signal, and the gate would rightly refuse a pid that is gone.
  const root = spawn('sh', ['-c', `sleep 300 & ${stray} & exec sleep 300`], { env: { ...process.env, [MARKER_VARIABLE]: trialId }, stdio: 'ignore' });
  const started = createProcessFamily({ marker: trialId });
  trees.push({ root, started });
  await once(root, 'spawn');
  // Wait until both children have become `sleep`: before env's exec, the second one is still a marked copy of sh.
  const children = await waitUntilFound(() => {
    const sleeps = readAllProcessStats().filter((stat) => stat.parentPid === root.pid && stat.command === 'sleep');
    return sleeps.length === 2 ? sleeps : undefined;
  });
  const isStray = (pid: number) => readEnvironmentVariable(pid, MARKER_VARIABLE) !== trialId;
  const strayStat = children.find((stat) => isStray(stat.pid));
  const marked = children.find((stat) => !isStray(stat.pid));
  if (strayStat === undefined || marked === undefined) {
    throw new Error(`expected one marked and one stray sleep, found ${children.map((stat) => stat.pid).join(', ')}`);
  }
  started.record(strayStat, 'ancestry');
  return { root, marked: marked.pid, stray: strayStat.pid };
}

function sorted(pids: readonly number[]): number[] {
  return [...pids].sort((left, right) => left - right);
}

/** Any state but zombie: a busy machine may show a sleep running rather than sleeping. */
function isAlive(pid: number): boolean {
  return !isDead(pid);
}

/** Dead: gone, or a zombie waiting for init to reap the orphan. */
function isDead(pid: number): boolean {
  const state = readProcessStat(pid)?.state;
  return state === undefined || state === 'Z';
}

describe('killTree', () => {
  it.each([
    ['no marker at all', null],
    ["another run's marker", createTrialId(createRunId(), 1)],
  ])('kills the marked root and child, and a descendant with %s, which is of the trial by its ancestry', async (_name, strayMarker) => {
    const trialId = createTrialId(createRunId(), 1);
    const { root, marked, stray } = await startTree(trialId, strayMarker);
    const rootExit = once(root, 'exit');

    const family = createProcessFamily({ marker: trialId });
    // As the host does right before the kill: tree-kill signals children before their parent, so a child without
    // the marker passes the gate by a parent the family has already recorded.
    scanFamily(family);
    const outcome = await killTree(root.pid ?? Number.NaN, 'SIGKILL', family);

    expect(outcome.skipped).toEqual([]);
    expect(sorted(outcome.signalled)).toEqual(sorted([root.pid ?? Number.NaN, marked, stray]));
    expect(await rootExit).toEqual([null, 'SIGKILL']);
    await waitUntilFound(() => (isDead(marked) && isDead(stray)) || undefined);
  });

  it('refuses every target when the root pid is no longer the process the family recorded (recycled), nor marked', async () => {
    const trialId = createTrialId(createRunId(), 1);
    const { root, marked, stray } = await startTree(trialId, null);
    const rootStat = readProcessStat(root.pid ?? Number.NaN);
    if (rootStat === null) throw new Error('the root is gone');
    const family = createProcessFamily({ marker: createTrialId(createRunId(), 1) });
    // What the family holds of a member whose pid the kernel has since handed to this tree's root.
    family.record({ ...rootStat, startTime: rootStat.startTime - 1 }, 'ancestry');
    scanFamily(family);

    const outcome = await killTree(root.pid ?? Number.NaN, 'SIGKILL', family);

    expect(outcome.signalled).toEqual([]);
    expect(sorted(outcome.skipped)).toEqual(sorted([root.pid ?? Number.NaN, marked, stray]));
    expect([root.pid ?? Number.NaN, marked, stray].map(isAlive)).toEqual([true, true, true]);
    expect(root.signalCode).toBeNull();
  });
});

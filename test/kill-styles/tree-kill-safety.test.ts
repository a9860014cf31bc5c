import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntilFound } from '../support/sleeping-processes.ts';
import { killMarkedTree } from '../../src/kill-styles/tree-kill.ts';
import { createRunId, createTrialId, MARKER_VARIABLE } from '../../src/marker/marker.ts';
import { listPids, readEnvironmentVariable, readProcessStatus } from '../../src/marker/proc.ts';
import { reapMarkedProcesses } from '../../src/marker/reap.ts';

// The real tree-kill package, on a real tree whose root and one child carry the trial's marker, and whose other
// child is a `sleep` without it: from the gate's side, exactly what a pid recycled after `ps` listed it looks like.

const roots: { trialId: string; root: ChildProcess }[] = [];
const strays: { pid: number; marker: string | null }[] = [];
afterEach(async () => {
  for (const { root, trialId } of roots.splice(0)) {
    // Whatever of the tree still carries its trial's marker, the root included.
    await reapMarkedProcesses(trialId);
    if (root.exitCode === null && root.signalCode === null) await once(root, 'exit');
  }
  // The unmarked sleeps were started by these tests (through their shell) and orphaned by the kill: killed by pid,
  // once it is confirmed the pid is still that sleep, with the environment it was given, and not a zombie.
  for (const { pid, marker } of strays.splice(0)) {
    const status = readProcessStatus(pid);
    if (status?.command === 'sleep' && status.state !== 'Z' && readEnvironmentVariable(pid, MARKER_VARIABLE) === marker) process.kill(pid, 'SIGKILL');
  }
});

interface Tree {
  readonly root: ChildProcess;
  readonly marked: number;
  readonly unmarked: number;
}

/** `sh` → `sleep` (marked, inherited) and `env … sleep` (the marker dropped, or another run's), with the root marked. */
async function startTree(trialId: string, strayMarker: string | null): Promise<Tree> {
  const stray = strayMarker === null ? `env -u ${MARKER_VARIABLE} sleep 300` : `env ${MARKER_VARIABLE}=${strayMarker} sleep 300`;
  const root = spawn('sh', ['-c', `sleep 300 & ${stray} & wait`], { env: { ...process.env, [MARKER_VARIABLE]: trialId }, stdio: 'ignore' });
  roots.push({ trialId, root });
  await once(root, 'spawn');
  // Wait until both children have become `sleep`: before env's exec, the second one is still a marked copy of sh.
  const children = await waitUntilFound(() => {
    const sleeps = listPids().filter((pid) => readProcessStatus(pid)?.parentPid === root.pid && readProcessStatus(pid)?.command === 'sleep');
    return sleeps.length === 2 ? sleeps : undefined;
  });
  const isStray = (pid: number) => readEnvironmentVariable(pid, MARKER_VARIABLE) !== trialId;
  const unmarked = children.find(isStray);
  const marked = children.find((pid) => !isStray(pid));
  if (unmarked === undefined || marked === undefined) throw new Error(`expected one marked and one unmarked sleep, found ${children.join(', ')}`);
  strays.push({ pid: unmarked, marker: strayMarker });
  return { root, marked, unmarked };
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
  const state = readProcessStatus(pid)?.state;
  return state === undefined || state === 'Z';
}

describe('killMarkedTree', () => {
  it.each([
    ['no marker at all', null],
    ["another run's marker", createTrialId(createRunId(), 1)],
  ])('kills the marked root and child, and never signals a descendant with %s', async (_name, strayMarker) => {
    const trialId = createTrialId(createRunId(), 1);
    const { root, marked, unmarked } = await startTree(trialId, strayMarker);
    const rootExit = once(root, 'exit');

    const outcome = await killMarkedTree(root.pid ?? Number.NaN, 'SIGKILL', trialId);

    expect(outcome.skipped).toEqual([unmarked]);
    expect(sorted(outcome.signalled)).toEqual(sorted([root.pid ?? Number.NaN, marked]));
    expect(await rootExit).toEqual([null, 'SIGKILL']);
    await waitUntilFound(() => isDead(marked) || undefined);
    expect(isAlive(unmarked)).toBe(true);
  });

  it('refuses every target when the root pid itself no longer carries the marker', async () => {
    const trialId = createTrialId(createRunId(), 1);
    const { root, marked, unmarked } = await startTree(trialId, null);

    const outcome = await killMarkedTree(root.pid ?? Number.NaN, 'SIGKILL', createTrialId(createRunId(), 1));

    expect(outcome.signalled).toEqual([]);
    expect(sorted(outcome.skipped)).toEqual(sorted([root.pid ?? Number.NaN, marked, unmarked]));
    expect([root.pid ?? Number.NaN, marked, unmarked].map(isAlive)).toEqual([true, true, true]);
    expect(root.signalCode).toBeNull();
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createSleepingProcesses, waitUntilFound } from '../support/sleeping-processes.ts';
import { guardSignals } from '../../src/marker/guard-signals.ts';
import { createRunId, createTrialId, MARKER_VARIABLE, readOwnMarker } from '../../src/marker/marker.ts';
import { listPids, type ProcessStatus, readProcessStatus } from '../../src/marker/proc.ts';
import { killStillMarked } from '../../src/marker/reap.ts';

// A recycled pid is a pid on a kill list that now belongs to a process without this run's marker. The kernel cannot
// be made to recycle a pid on demand, so each test hands the killing function the pid of a real, unmarked `sleep`
// as if it were one of its targets, next to marked targets that must die.

const sleeps = createSleepingProcesses();
const startSleep = sleeps.start;
// Every process below was started by this file and is still its child: killing it through its handle is safe.
afterEach(() => sleeps.stopAll());

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('the sleep did not start');
  return child.pid;
}

function childrenOf(parentPid: number): ProcessStatus[] {
  return listPids().flatMap((pid) => {
    const status = readProcessStatus(pid);
    return status?.parentPid === parentPid ? [status] : [];
  });
}


/**
 * Alive, and its parent saw no exit. Checked after the marked targets' exit was seen: a SIGKILL sent in the same
 * round would have ended this one too by then. Any state but zombie (a busy machine may show it running, not sleeping).
 */
function expectUntouched(child: ChildProcess): void {
  expect(readProcessStatus(pidOf(child))?.state).toMatch(/^[^Z]$/);
  expect(child.signalCode).toBeNull();
  expect(child.exitCode).toBeNull();
}

describe('the reaper', () => {
  it('SIGKILLs the marked targets of its list and never a recycled pid, nor a pid of another run', async () => {
    const runId = createRunId();
    const trialId = createTrialId(runId, 1);
    const [marked, recycled, otherRun] = [await startSleep(trialId), await startSleep(null), await startSleep(createTrialId(`${runId}0`, 1))];
    const markedExit = once(marked, 'exit');

    const outcome = killStillMarked([pidOf(recycled), pidOf(marked), pidOf(otherRun)], runId);

    expect(outcome).toEqual({ signalled: [pidOf(marked)], skipped: [pidOf(recycled), pidOf(otherRun)] });
    expect(await markedExit).toEqual([null, 'SIGKILL']);
    expectUntouched(recycled);
    expectUntouched(otherRun);
  });

  it('skips a zombie: it is dead already, and carries no marker to check', async () => {
    const trialId = createTrialId(createRunId(), 1);
    // The exec'd sleep never waits for the background one, so once that one dies it stays a zombie of ours.
    const parent = spawn('sh', ['-c', 'sleep 300 & exec sleep 300'], { env: { ...process.env, [MARKER_VARIABLE]: trialId }, stdio: 'ignore' });
    sleeps.adopt(parent);
    const zombie = await waitUntilFound(() => childrenOf(pidOf(parent)).find((child) => child.command === 'sleep'));
    expect(killStillMarked([zombie.pid], trialId).signalled).toEqual([zombie.pid]);
    await waitUntilFound(() => readProcessStatus(zombie.pid)?.state === 'Z' || undefined);

    expect(killStillMarked([zombie.pid], trialId)).toEqual({ signalled: [], skipped: [zombie.pid] });
  });
});

describe('the tree-kill target path (process.kill under guardSignals)', () => {
  it('signals the marked targets of a list and refuses a recycled pid with ESRCH, leaving it alive', async () => {
    const trialId = createTrialId(createRunId(), 2);
    const [marked, recycled] = [await startSleep(trialId), await startSleep(null)];
    const markedExit = once(marked, 'exit');
    const errors = new Map<number, unknown>();

    // What tree-kill does with the targets it listed: process.kill on each, ignoring ESRCH.
    const outcome = await guardSignals(trialId, async () => {
      for (const pid of [pidOf(recycled), pidOf(marked)]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch (error) {
          errors.set(pid, error);
        }
      }
    });

    expect(outcome).toMatchObject({ signalled: [pidOf(marked)], skipped: [pidOf(recycled)] });
    expect(errors.get(pidOf(recycled))).toMatchObject({ code: 'ESRCH' });
    expect(errors.has(pidOf(marked))).toBe(false);
    expect(await markedExit).toEqual([null, 'SIGKILL']);
    expectUntouched(recycled);
  });

  it('puts process.kill back afterwards, also when the action throws', async () => {
    const unguarded = process.kill;
    await expect(guardSignals('any', () => Promise.reject(new Error('action failed')))).rejects.toThrow('action failed');
    expect(process.kill).toBe(unguarded);
    const recycled = await startSleep(null);
    // Unguarded again: a plain process.kill reaches an unmarked process (signal 0 only checks that it exists).
    expect(process.kill(pidOf(recycled), 0)).toBe(true);
  });

  it('refuses a process-group pid, which no single marker can vouch for', async () => {
    const outcome = await guardSignals('any', async () => {
      expect(() => process.kill(-process.pid, 0)).toThrow(/ESRCH/);
    });
    expect(outcome.skipped).toEqual([-process.pid]);
  });
});

describe('readOwnMarker', () => {
  it('reads the marker the process was started with, and refuses to guess without one', () => {
    expect(readOwnMarker({ [MARKER_VARIABLE]: 'run1-3' })).toBe('run1-3');
    expect(() => readOwnMarker({})).toThrow(`this process carries no ${MARKER_VARIABLE}`);
  });
});

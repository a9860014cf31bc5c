import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createSleepingProcesses, waitUntilFound } from '../support/sleeping-processes.ts';
import { createRunId, createTrialId, MARKER_VARIABLE, readOwnMarker } from '../../src/marker/marker.ts';
import { readAllProcessStats, readProcessStat } from '../../src/linux-proc/process-stat.ts';
import { guardSignals } from '../../src/process-family/guard-signals.ts';
import { createProcessFamily } from '../../src/process-family/process-family.ts';
import { signalEachOfFamily } from '../../src/process-family/signal-gate.ts';

// A recycled pid is a pid on a kill list that now belongs to a process of no trial's family. The kernel cannot be
// made to recycle a pid on demand, so each test hands the killing function the pid of a real `sleep` that is not of
// the family (no marker, not recorded, a child of this process, which is no process of the family either) as if it
// were one of its targets, next to targets of the family that must die.

const sleeps = createSleepingProcesses();
const startSleep = sleeps.start;
// Every process below was started by this file and is still its child: killing it through its handle is safe.
afterEach(() => sleeps.stopAll());

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('the sleep did not start');
  return child.pid;
}

/** The pid and start time of a process of this file, as a scan of the family would have recorded it. */
function identityOf(child: ChildProcess): { pid: number; startTime: number; command: string } {
  const stat = readProcessStat(pidOf(child));
  if (stat === null) throw new Error(`process ${pidOf(child)} is gone`);
  return { pid: stat.pid, startTime: stat.startTime, command: stat.command };
}

/**
 * Alive, and its parent saw no exit. Checked after the targets' exit was seen: a SIGKILL sent in the same round
 * would have ended this one too by then. Any state but zombie (a busy machine may show it running, not sleeping).
 */
function expectUntouched(child: ChildProcess): void {
  expect(readProcessStat(pidOf(child))?.state).toMatch(/^[^Z]$/);
  expect(child.signalCode).toBeNull();
  expect(child.exitCode).toBeNull();
}

describe('the reaper', () => {
  it('SIGKILLs the targets of its list that carry the marker, and never a recycled pid, nor a pid of another run', async () => {
    const runId = createRunId();
    const trialId = createTrialId(runId, 1);
    const [marked, recycled, otherRun] = [await startSleep(trialId), await startSleep(null), await startSleep(createTrialId(`${runId}0`, 1))];
    const markedExit = once(marked, 'exit');

    const outcome = signalEachOfFamily([pidOf(recycled), pidOf(marked), pidOf(otherRun)], 'SIGKILL', createProcessFamily({ marker: runId }));

    expect(outcome).toEqual({ signalled: [pidOf(marked)], skipped: [pidOf(recycled), pidOf(otherRun)] });
    expect(await markedExit).toEqual([null, 'SIGKILL']);
    expectUntouched(recycled);
    expectUntouched(otherRun);
  });

  it('SIGKILLs a recorded member without the marker, and never its pid once that names a process started at another time', async () => {
    const family = createProcessFamily({ marker: createTrialId(createRunId(), 1) });
    const [member, recycled] = [await startSleep(null), await startSleep(null)];
    family.record(identityOf(member), 'ancestry');
    // What the family holds of a member whose pid the kernel has since handed to `recycled`.
    family.record({ ...identityOf(recycled), startTime: identityOf(recycled).startTime - 1 }, 'ancestry');
    const memberExit = once(member, 'exit');

    const outcome = signalEachOfFamily([pidOf(recycled), pidOf(member)], 'SIGKILL', family);

    expect(outcome).toEqual({ signalled: [pidOf(member)], skipped: [pidOf(recycled)] });
    expect(await memberExit).toEqual([null, 'SIGKILL']);
    expectUntouched(recycled);
  });

  it('never signals a root of the family, which its own caller ends, but does its unmarked child', async () => {
    const trialId = createTrialId(createRunId(), 1);
    // The exec'd sleep is the root; its child drops the marker, and belongs to the family by its ancestry alone.
    const script = `env -u ${MARKER_VARIABLE} sleep 300 & exec sleep 300`;
    const root = spawn('sh', ['-c', script], { env: { ...process.env, [MARKER_VARIABLE]: trialId }, stdio: 'ignore' });
    sleeps.adopt(root);
    await once(root, 'spawn');
    const child = await waitUntilFound(() => readAllProcessStats().find((stat) => stat.parentPid === root.pid && stat.command === 'sleep'));
    await waitUntilFound(() => readProcessStat(pidOf(root))?.command === 'sleep' || undefined);
    const family = createProcessFamily({ marker: trialId, roots: [identityOf(root)] });

    expect(signalEachOfFamily([pidOf(root), child.pid], 'SIGKILL', family)).toEqual({ signalled: [child.pid], skipped: [pidOf(root)] });
    await waitUntilFound(() => readProcessStat(child.pid)?.state === 'Z' || undefined);
    expectUntouched(root);
  });

  it('skips a zombie: it is dead already', async () => {
    const trialId = createTrialId(createRunId(), 1);
    // The exec'd sleep never waits for the background one, so once that one dies it stays a zombie of ours.
    const parent = spawn('sh', ['-c', 'sleep 300 & exec sleep 300'], { env: { ...process.env, [MARKER_VARIABLE]: trialId }, stdio: 'ignore' });
    sleeps.adopt(parent);
    const zombie = await waitUntilFound(() => readAllProcessStats().find((stat) => stat.parentPid === parent.pid && stat.command === 'sleep'));
    const family = createProcessFamily({ marker: trialId });
    expect(signalEachOfFamily([zombie.pid], 'SIGKILL', family).signalled).toEqual([zombie.pid]);
    await waitUntilFound(() => readProcessStat(zombie.pid)?.state === 'Z' || undefined);

    // Recorded as a member by identity now, and still refused.
    expect(family.isMember(zombie)).toBe(true);
    expect(signalEachOfFamily([zombie.pid], 'SIGKILL', family)).toEqual({ signalled: [], skipped: [zombie.pid] });
  });
});

describe('the tree-kill target path (process.kill under guardSignals)', () => {
  it('signals the targets of a list that are of the family, and refuses a recycled pid with ESRCH, leaving it alive', async () => {
    const trialId = createTrialId(createRunId(), 2);
    const [marked, recycled] = [await startSleep(trialId), await startSleep(null)];
    const markedExit = once(marked, 'exit');
    const errors = new Map<number, unknown>();

    // What tree-kill does with the targets it listed: process.kill on each, ignoring ESRCH.
    const outcome = await guardSignals(createProcessFamily({ marker: trialId }), async () => {
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
    await expect(guardSignals(createProcessFamily({ marker: 'any' }), () => Promise.reject(new Error('action failed')))).rejects.toThrow('action failed');
    expect(process.kill).toBe(unguarded);
    const recycled = await startSleep(null);
    // Unguarded again: a plain process.kill reaches a process of no family (signal 0 only checks that it exists).
    expect(process.kill(pidOf(recycled), 0)).toBe(true);
  });

  it('refuses a process-group pid, which no single identity can vouch for', async () => {
    const outcome = await guardSignals(createProcessFamily({ marker: 'any' }), async () => {
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

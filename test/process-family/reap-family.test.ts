import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSleepingProcesses, waitUntilFound } from '../support/sleeping-processes.ts';
import { createRunId, createTrialId, MARKER_VARIABLE } from '../../src/marker/marker.ts';
import { readAllProcessStats, readProcessStat } from '../../src/linux-proc/process-stat.ts';
import { ownIdentity } from '../../src/linux-proc/process-identity.ts';
import { createProcessFamily } from '../../src/process-family/process-family.ts';
import { reapFamily, reapMarker } from '../../src/process-family/reap-family.ts';
import { readIfOfFamily, scanFamily } from '../../src/process-family/scan-family.ts';

const sleeps = createSleepingProcesses();
const startSleep = sleeps.start;
// Whatever a failed test left running is ours: it was started just below.
afterEach(() => sleeps.stopAll());

function isAlive(child: ChildProcess): boolean {
  const state = readProcessStat(child.pid ?? Number.NaN)?.state;
  return state !== undefined && state !== 'Z';
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('the process did not start');
  return child.pid;
}

describe('reapMarker', () => {
  it('kills the process carrying the trial marker and leaves one of no family alone', async () => {
    const trialId = createTrialId(createRunId(), 1);
    const marked = await startSleep(trialId);
    const unmarked = await startSleep(null);
    const markedExit = once(marked, 'exit');

    expect(await reapMarker(trialId)).toBe(1);

    expect(await markedExit).toEqual([null, 'SIGKILL']);
    expect(isAlive(unmarked)).toBe(true);
    expect(unmarked.signalCode).toBeNull();
  });

  it('reaps every trial of a run when given the run id, but not another run whose id it prefixes', async () => {
    const runId = createRunId();
    const trials = [await startSleep(createTrialId(runId, 1)), await startSleep(createTrialId(runId, 2))];
    const otherRun = await startSleep(createTrialId(`${runId}0`, 1));

    expect(await reapMarker(runId)).toBe(2);

    expect(trials.map(isAlive)).toEqual([false, false]);
    expect(isAlive(otherRun)).toBe(true);
  });

  it('returns 0 when no process carries the marker', async () => {
    expect(await reapMarker(createRunId())).toBe(0);
  });
});

describe('reapFamily', () => {
  it('kills a root’s descendants, the ones without the marker included, and never the root', async () => {
    const trialId = createTrialId(createRunId(), 1);
    // The root (this file's child, no marker) starts one sleep with the trial's marker and one without, and becomes
    // a sleep that never waits for them.
    const script = `${MARKER_VARIABLE}=${trialId} sleep 300 & sleep 300 & exec sleep 300`;
    const root = spawn('sh', ['-c', script], { env: { PATH: process.env.PATH }, stdio: 'ignore' });
    sleeps.adopt(root);
    await once(root, 'spawn');
    const children = await waitUntilFound(() => {
      const found = readAllProcessStats().filter((stat) => stat.parentPid === root.pid && stat.command === 'sleep');
      return found.length === 2 ? found : undefined;
    });
    const rootStat = readProcessStat(pidOf(root));
    if (rootStat === null) throw new Error('the root is gone');
    const unrelated = await startSleep(null);

    expect(await reapFamily(createProcessFamily({ marker: trialId, roots: [rootStat] }))).toBe(2);

    await waitUntilFound(() => children.every((child) => readProcessStat(child.pid) === null || readProcessStat(child.pid)?.state === 'Z') || undefined);
    expect(isAlive(root)).toBe(true);
    expect(root.signalCode).toBeNull();
    expect(isAlive(unrelated)).toBe(true);
  });

  it('kills a recorded member whose parent, marker and group no longer tie it to anyone, by its identity', async () => {
    const member = await startSleep(null);
    const family = createProcessFamily({ marker: createTrialId(createRunId(), 1) });
    const stat = readProcessStat(pidOf(member));
    if (stat === null) throw new Error('the sleep is gone');
    family.record(stat, 'ancestry');
    const memberExit = once(member, 'exit');

    expect(await reapFamily(family)).toBe(1);
    expect(await memberExit).toEqual([null, 'SIGKILL']);
  });
});

describe('scanFamily and readIfOfFamily', () => {
  it('find a marked process by its trial and its run, and never one of no family', async () => {
    const runId = createRunId();
    const trialId = createTrialId(runId, 7);
    const marked = await startSleep(trialId);
    const unmarked = await startSleep(null);
    // Asleep, so that its state reads the same in every scan below (a sleep just started may still read R).
    const stat = await vi.waitFor(() => {
      const read = readProcessStat(pidOf(marked));
      expect(read?.state).toBe('S');
      return read;
    });

    expect(stat).toMatchObject({ pid: marked.pid, command: 'sleep', state: 'S', parentPid: process.pid });
    expect(scanFamily(createProcessFamily({ marker: trialId })).living).toEqual([{ ...stat, foundBy: ['marker'] }]);
    expect(scanFamily(createProcessFamily({ marker: runId })).living.map((found) => found.pid)).toEqual([marked.pid]);
    expect(readIfOfFamily(createProcessFamily({ marker: runId }), pidOf(marked))).toEqual(stat);
    expect(readIfOfFamily(createProcessFamily({ marker: runId }), pidOf(unmarked))).toBeNull();
  });

  // The host's own scan, right before the kill, roots its trial's family at itself (src/host/host-trial.ts).
  it('find the unmarked child of a root that is this very process by its ancestry, as the gate does', async () => {
    const child = await startSleep(null);
    const family = createProcessFamily({ marker: createTrialId(createRunId(), 1), roots: [ownIdentity()] });

    expect(readIfOfFamily(family, pidOf(child))).toMatchObject({ pid: child.pid });
    expect(scanFamily(createProcessFamily({ marker: family.marker, roots: [ownIdentity()] })).living.map((found) => found.pid)).toEqual([child.pid]);
  });
});

import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createSleepingProcesses } from '../support/sleeping-processes.ts';
import { findMarkedProcesses, stillMarked } from '../../src/marker/find-marked-processes.ts';
import { createRunId, createTrialId } from '../../src/marker/marker.ts';
import { readProcessStatus } from '../../src/marker/proc.ts';
import { reapMarkedProcesses } from '../../src/marker/reap.ts';

const sleeps = createSleepingProcesses();
const startSleep = sleeps.start;
// Whatever a failed test left running is ours: it was started just below.
afterEach(() => sleeps.stopAll());

function isAlive(child: ChildProcess): boolean {
  const state = readProcessStatus(child.pid ?? Number.NaN)?.state;
  return state !== undefined && state !== 'Z';
}

describe('reapMarkedProcesses', () => {
  it('kills the process carrying the trial marker and leaves an unmarked one alone', async () => {
    const trialId = createTrialId(createRunId(), 1);
    const marked = await startSleep(trialId);
    const unmarked = await startSleep(null);
    const markedExit = once(marked, 'exit');

    expect(await reapMarkedProcesses(trialId)).toBe(1);

    expect(await markedExit).toEqual([null, 'SIGKILL']);
    expect(isAlive(unmarked)).toBe(true);
    expect(unmarked.signalCode).toBeNull();
  });

  it('reaps every trial of a run when given the run id, but not another run whose id it prefixes', async () => {
    const runId = createRunId();
    const trials = [await startSleep(createTrialId(runId, 1)), await startSleep(createTrialId(runId, 2))];
    const otherRun = await startSleep(createTrialId(`${runId}0`, 1));

    expect(await reapMarkedProcesses(runId)).toBe(2);

    expect(trials.map(isAlive)).toEqual([false, false]);
    expect(isAlive(otherRun)).toBe(true);
  });

  it('returns 0 when no process carries the marker', async () => {
    expect(await reapMarkedProcesses(createRunId())).toBe(0);
  });
});

describe('findMarkedProcesses and stillMarked', () => {
  it('find a marked process by its trial and its run, and never an unmarked one', async () => {
    const runId = createRunId();
    const trialId = createTrialId(runId, 7);
    const marked = await startSleep(trialId);
    const unmarked = await startSleep(null);

    expect(findMarkedProcesses(trialId)).toEqual([{ pid: marked.pid, command: 'sleep', state: 'S', parentPid: process.pid, trialId }]);
    expect(findMarkedProcesses(runId).map((found) => found.pid)).toEqual([marked.pid]);
    expect(stillMarked(marked.pid ?? Number.NaN, runId)).toBe(true);
    expect(stillMarked(unmarked.pid ?? Number.NaN, runId)).toBe(false);
  });
});

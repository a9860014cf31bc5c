import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createRunId, createTrialId, MARKER_VARIABLE } from '../../src/marker/marker.ts';
import { listPids, readProcessStatus } from '../../src/marker/proc.ts';
import { reapMarkedProcesses } from '../../src/marker/reap.ts';
import { compareSnapshots, type ProbeTarget } from '../../src/probes/probe.ts';
import { processesProbe } from '../../src/probes/processes.ts';

// The shell starts `sleep 0` in the background, then becomes `sleep 300`, which never waits for it: one marked
// survivor with one zombie child.
const SURVIVOR_WITH_ZOMBIE = 'sleep 0 & exec sleep 300';

// The shell starts `sleep 300` in the background, prints its pid and exits: the sleep's parent is gone, so the
// kernel hands it to pid 1 (or a subreaper), which is no process of the trial.
const ORPHANED_SURVIVOR = 'sleep 300 & echo $!';

const trialId = createTrialId(createRunId(), 1);
const markedEnvironment = { ...process.env, [MARKER_VARIABLE]: trialId };
let survivor: ChildProcess | undefined;

afterEach(async () => {
  await reapMarkedProcesses(trialId);
  if (survivor && survivor.exitCode === null && survivor.signalCode === null) await once(survivor, 'exit');
});

async function startSurvivorWithZombie(): Promise<number> {
  survivor = spawn('sh', ['-c', SURVIVOR_WITH_ZOMBIE], { env: markedEnvironment, stdio: 'ignore' });
  await once(survivor, 'spawn');
  const pid = survivor.pid ?? Number.NaN;
  while (countZombieChildrenOf(pid) === 0) await sleep(5);
  return pid;
}

async function startOrphanedSurvivor(): Promise<number> {
  const shell = spawn('sh', ['-c', ORPHANED_SURVIVOR], { env: markedEnvironment, stdio: ['ignore', 'pipe', 'ignore'] });
  survivor = shell;
  const [printed] = (await once(shell.stdout, 'data')) as [Buffer];
  if (shell.exitCode === null) await once(shell, 'exit');
  const pid = Number(printed.toString().trim());
  // The background job is a fork of the shell until it has exec'd sleep.
  while (readProcessStatus(pid)?.command !== 'sleep') await sleep(5);
  return pid;
}

function countZombieChildrenOf(parentPid: number): number {
  return listPids().filter((pid) => {
    const status = readProcessStatus(pid);
    return status?.state === 'Z' && status.parentPid === parentPid;
  }).length;
}

const targetOf = (hostPid: number): ProbeTarget => ({ trialId, hostPid, childPid: null, workDir: '/nonexistent' });

describe('processesProbe', () => {
  it('reports a marked process started after the first snapshot as a survivor, and its unreaped child as a zombie', async () => {
    const before = processesProbe.snapshot(targetOf(process.pid));
    const pid = await startSurvivorWithZombie();
    expect(await compareSnapshots(processesProbe, before, null, processesProbe.snapshot(targetOf(process.pid)))).toEqual({
      total: 1,
      survivors: [{ pid, command: 'sleep', parentPid: process.pid, orphaned: false }],
      zombies: 1,
    });
  });

  it('does not count the host among the survivors, but still counts the zombies under it', async () => {
    const before = processesProbe.snapshot(targetOf(Number.NaN));
    const pid = await startSurvivorWithZombie();
    expect(await compareSnapshots(processesProbe, before, null, processesProbe.snapshot(targetOf(pid)))).toEqual({ total: 0, survivors: [], zombies: 1 });
  });

  it('reports a survivor whose parent exited as orphaned, with the parent it was handed to', async () => {
    const before = processesProbe.snapshot(targetOf(process.pid));
    const pid = await startOrphanedSurvivor();
    const newParent = readProcessStatus(pid)?.parentPid;
    expect(newParent).not.toBe(process.pid);
    expect(await compareSnapshots(processesProbe, before, null, processesProbe.snapshot(targetOf(process.pid)))).toEqual({
      total: 1,
      survivors: [{ pid, command: 'sleep', parentPid: newParent, orphaned: true }],
      zombies: 0,
    });
  });
});

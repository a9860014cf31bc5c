import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createRunId, createTrialId, MARKER_VARIABLE } from '../../src/marker/marker.ts';
import { readEnvironmentVariable } from '../../src/linux-proc/process-environment.ts';
import { readAllProcessStats, readProcessStat } from '../../src/linux-proc/process-stat.ts';
import { createProcessFamily } from '../../src/process-family/process-family.ts';
import { reapFamily } from '../../src/process-family/reap-family.ts';
import { waitUntilFound } from '../support/sleeping-processes.ts';
import { compareSnapshots, type ProbeTarget } from '../../src/probes/probe.ts';
import { createProbeTarget } from '../../src/probes/probe-target.ts';
import { processesProbe } from '../../src/probes/processes.ts';

// The shell starts `sleep 0` in the background, then becomes `sleep 300`, which never waits for it: one marked
// survivor with one zombie child.
const SURVIVOR_WITH_ZOMBIE = 'sleep 0 & exec sleep 300';

// The shell starts `sleep 300` in the background, prints its pid and exits: the sleep's parent is gone, so the
// kernel hands it to pid 1 (or a subreaper), which is no process of the trial.
const ORPHANED_SURVIVOR = 'sleep 300 & echo $!';

// The shell starts `sleep 300` without the marker in the background, prints its pid and becomes a marked `sleep
// 300` itself: the background sleep belongs to the trial only through its ancestry, and once the shell is killed,
// only through the identity a snapshot recorded while the shell still lived.
const UNMARKED_DESCENDANT = `env -u ${MARKER_VARIABLE} sleep 300 & echo $!; exec sleep 300`;

const trialId = createTrialId(createRunId(), 1);
const markedEnvironment = { ...process.env, [MARKER_VARIABLE]: trialId };
let survivor: ChildProcess | undefined;
const targets: ProbeTarget[] = [];
/** Whatever carries the trial's marker, and the unmarked processes a test started, recorded by identity. */
let started = createProcessFamily({ marker: trialId });

afterEach(async () => {
  for (const target of targets.splice(0)) target.window.close();
  await reapFamily(started);
  started = createProcessFamily({ marker: trialId });
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
  while (readProcessStat(pid)?.command !== 'sleep') await sleep(5);
  return pid;
}

async function startUnmarkedDescendant(): Promise<{ shell: ChildProcess; pid: number }> {
  const shell = spawn('sh', ['-c', UNMARKED_DESCENDANT], { env: markedEnvironment, stdio: ['ignore', 'pipe', 'ignore'] });
  survivor = shell;
  const [printed] = (await once(shell.stdout, 'data')) as [Buffer];
  const pid = Number(printed.toString().trim());
  // The background job is a marked fork of the shell until env has exec'd sleep.
  const stat = await waitUntilFound(() => {
    const found = readProcessStat(pid);
    return found?.command === 'sleep' && readProcessStat(shell.pid ?? Number.NaN)?.command === 'sleep' ? found : undefined;
  });
  started.record(stat, 'ancestry');
  return { shell, pid };
}

async function killAndWait(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

function countZombieChildrenOf(parentPid: number): number {
  return readAllProcessStats().filter((stat) => stat.state === 'Z' && stat.parentPid === parentPid).length;
}

/** A trial's target whose host is the process given: its family is rooted there, and finds the trial's marker. */
function targetOf(hostPid: number): ProbeTarget {
  const target = createProbeTarget({ trialId, hostPid, workDir: '/nonexistent' });
  targets.push(target);
  return target;
}

describe('processesProbe', () => {
  it('reports a marked process started after the first snapshot as a survivor, and its unreaped child as a zombie', async () => {
    const target = targetOf(process.pid);
    const before = processesProbe.snapshot(target);
    const pid = await startSurvivorWithZombie();
    expect(await compareSnapshots(processesProbe, before, null, processesProbe.snapshot(target))).toEqual({
      total: 1,
      // A child of the host, and carrying the trial's marker: tied to the trial both ways.
      survivors: [{ pid, command: 'sleep', parentPid: process.pid, orphaned: false, foundBy: ['ancestry', 'marker'] }],
      zombies: 1,
    });
  });

  it('does not count the host among the survivors, but still counts the zombies under it', async () => {
    const before = processesProbe.snapshot(targetOf(Number.NaN));
    const pid = await startSurvivorWithZombie();
    expect(await compareSnapshots(processesProbe, before, null, processesProbe.snapshot(targetOf(pid)))).toEqual({ total: 0, survivors: [], zombies: 1 });
  });

  it('reports a survivor whose parent exited as orphaned, with the parent it was handed to', async () => {
    const target = targetOf(process.pid);
    const before = processesProbe.snapshot(target);
    const pid = await startOrphanedSurvivor();
    const newParent = readProcessStat(pid)?.parentPid;
    expect(newParent).not.toBe(process.pid);
    expect(await compareSnapshots(processesProbe, before, null, processesProbe.snapshot(target))).toEqual({
      total: 1,
      // Its parent gone before any snapshot saw it, only the marker ties it to the trial.
      survivors: [{ pid, command: 'sleep', parentPid: newParent, orphaned: true, foundBy: ['marker'] }],
      zombies: 0,
    });
  });

  it('keeps a descendant that dropped the marker as a survivor once orphaned, by the identity a snapshot recorded', async () => {
    const target = targetOf(process.pid);
    const before = processesProbe.snapshot(target);
    const { shell, pid } = await startUnmarkedDescendant();
    const atReady = processesProbe.snapshot(target);
    await killAndWait(shell);
    const newParent = readProcessStat(pid)?.parentPid;
    expect(newParent).not.toBe(shell.pid);
    expect(readEnvironmentVariable(pid, MARKER_VARIABLE)).toBeNull();
    expect(await compareSnapshots(processesProbe, before, atReady, processesProbe.snapshot(target))).toEqual({
      total: 1,
      survivors: [{ pid, command: 'sleep', parentPid: newParent, orphaned: true, foundBy: ['ancestry'] }],
      zombies: 0,
    });
    // A family that never saw it while its parent lived cannot tell it from any other orphan.
    expect(processesProbe.snapshot(targetOf(process.pid))?.survivors.map((found) => found.pid)).not.toContain(pid);
  });
});

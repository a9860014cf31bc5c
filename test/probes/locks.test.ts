import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROPER_LOCKFILE_STALE_MS } from '../../src/probes/lock-directories.ts';
import { locksProbe } from '../../src/probes/locks.ts';
import { findLockHolders } from '../support/locked-files.ts';
import { compareSnapshots, type ProbeTarget } from '../../src/probes/probe.ts';
import { createProbeTarget } from '../../src/probes/probe-target.ts';
import { readProcessStat } from '../../src/linux-proc/process-stat.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';
import { TEMP_PREFIX } from '../../src/marker/marker.ts';
import { createMarkedProcesses, killAndWait } from './marked-processes.ts';

const processes = createMarkedProcesses();
let root = '';
let workDir = '';
let probeTarget: ProbeTarget;

beforeEach(async () => {
  // Named as the harness names its own folders, which no trial of a test file running beside this one counts as its leftover.
  root = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}locks-probe-`));
  workDir = join(root, 'work');
  mkdirSync(workDir);
  const host = await processes.start('sleep', ['300']);
  probeTarget = createProbeTarget({ trialId: processes.trialId, hostPid: host.pid ?? Number.NaN, workDir });
});

afterEach(async () => {
  probeTarget.window.close();
  await processes.stopAll();
  removeDirectory(root);
});

/** The one target of the test's trial: its family keeps every process of the trial it has seen. */
const target = (): ProbeTarget => probeTarget;

/** `flock -x <file> sleep 300`: flock places the lock, then runs sleep, which inherits the locked descriptor. */
async function holdFlock(path: string): Promise<ChildProcess> {
  writeFileSync(path, '');
  const flock = await processes.start('flock', ['-x', path, 'sleep', '300']);
  while (!findLockHolders(path).includes(flock.pid ?? 0)) await sleep(5);
  return flock;
}

const flockOf = (pid: number | undefined, path: string | null) => ({
  type: 'FLOCK',
  access: 'WRITE',
  pid,
  file: expect.stringMatching(/^[0-9a-f]{2,}:[0-9a-f]{2,}:\d+$/),
  range: '0-EOF',
  path,
});

describe('locksProbe', () => {
  it('finds a flock placed on a file of the work directory, held at ready and still held after', async () => {
    const before = locksProbe.snapshot(target());
    const flock = await holdFlock(join(workDir, 'data'));
    const atReady = locksProbe.snapshot(target());
    const found = await compareSnapshots(locksProbe, before, atReady, locksProbe.snapshot(target()));
    expect(found).toEqual({ total: 1, osLocks: [flockOf(flock.pid, 'data')], heldAtReady: [flockOf(flock.pid, 'data')], lockDirectories: [] });
  });

  it('finds a flock outside the work directory held by a trial process, named by the path it holds it at', async () => {
    const before = locksProbe.snapshot(target());
    const flock = await holdFlock(join(root, 'elsewhere'));
    const found = await compareSnapshots(locksProbe, before, null, locksProbe.snapshot(target()));
    expect(found).toEqual({ total: 1, osLocks: [flockOf(flock.pid, join(root, 'elsewhere'))], heldAtReady: null, lockDirectories: [] });
  });

  // /proc/locks keeps naming the process that placed a lock after it exited; only the file's inode ties it to the trial.
  it('still finds a flock by its file once the process that placed it has exited and a descendant keeps it', async () => {
    const before = locksProbe.snapshot(target());
    const flock = await holdFlock(join(workDir, 'data'));
    await killAndWait(flock);
    expect(readProcessStat(flock.pid ?? Number.NaN)).toBeNull();
    const found = await compareSnapshots(locksProbe, before, null, locksProbe.snapshot(target()));
    expect(found).toMatchObject({ total: 1, osLocks: [flockOf(flock.pid, 'data')] });
  });

  it('ages a proper-lockfile folder its killed holder left, and calls it stale exactly when proper-lockfile does', async () => {
    const data = join(workDir, 'data');
    writeFileSync(data, '');
    const before = locksProbe.snapshot(target());
    const { child } = await processes.startFixture('holds-lock-directory', [data]);
    await killAndWait(child);
    const fresh = await compareSnapshots(locksProbe, before, null, locksProbe.snapshot(target()));
    expect(fresh).toMatchObject({ total: 1, osLocks: [], lockDirectories: [{ path: 'data.lock', stale: false }] });
    const [folder] = fresh?.lockDirectories ?? [];
    // proper-lockfile rounds the first mtime it writes up to the next second, so a young lock can look up to 1 s younger than 0.
    expect(folder?.ageMs).toBeGreaterThan(-1000);
    expect(folder?.ageMs).toBeLessThan(PROPER_LOCKFILE_STALE_MS);
    expect(folder?.msUntilStale).toBe(PROPER_LOCKFILE_STALE_MS - (folder?.ageMs ?? 0));
    expect(await lockfile.check(data)).toBe(true);

    const longAgo = (Date.now() - PROPER_LOCKFILE_STALE_MS - 1000) / 1000;
    utimesSync(join(workDir, 'data.lock'), longAgo, longAgo);
    const old = await compareSnapshots(locksProbe, before, null, locksProbe.snapshot(target()));
    expect(old).toMatchObject({ total: 1, lockDirectories: [{ path: 'data.lock', stale: true, msUntilStale: 0 }] });
    expect(await lockfile.check(data)).toBe(false);
  });

  it('cannot measure a work directory that is gone, which yields null rather than 0', async () => {
    const before = locksProbe.snapshot(target());
    removeDirectory(workDir);
    expect(before).toMatchObject({ osLocks: [], lockDirectories: [] });
    expect(await compareSnapshots(locksProbe, before, null, locksProbe.snapshot(target()))).toBeNull();
  });
});

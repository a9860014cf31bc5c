import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeTarget } from '../../src/probes/probe.ts';
import { compareAll, PROBE_NAMES, takeSnapshots } from '../../src/probes/probes.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';
import { createMarkedProcesses, killAndWait } from './marked-processes.ts';

const processes = createMarkedProcesses();
let workDir = '';

afterEach(async () => {
  await processes.stopAll();
  removeDirectory(workDir);
});

describe('compareAll', () => {
  it('reports every probe at the three moments, null (never 0) for those that lost the host they read', async () => {
    workDir = mkdtempSync(join(tmpdir(), 'probes-'));
    const host = await processes.start('sleep', ['300']);
    const target: ProbeTarget = { trialId: processes.trialId, hostPid: host.pid ?? Number.NaN, childPid: null, workDir };
    const before = takeSnapshots(target);
    const child = await processes.start('sleep', ['300']);
    const atReady = takeSnapshots({ ...target, childPid: child.pid ?? null });
    await killAndWait(host);
    const leftovers = await compareAll(before, atReady, takeSnapshots({ ...target, childPid: child.pid ?? null }));
    expect(Object.keys(leftovers).sort()).toEqual([...PROBE_NAMES].sort());
    expect(leftovers).toMatchObject({
      fds: null,
      memory: null,
      sockets: null,
      tempFiles: { total: 0 },
      processes: { total: 1, survivors: [{ pid: child.pid, command: 'sleep' }] },
      locks: { total: 0 },
    });
  });
});

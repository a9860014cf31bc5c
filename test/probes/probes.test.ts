import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeTarget } from '../../src/probes/probe.ts';
import { createProbeTarget } from '../../src/probes/probe-target.ts';
import { compareAll, PROBE_NAMES, takeSnapshots } from '../../src/probes/probes.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';
import { TEMP_PREFIX } from '../../src/marker/marker.ts';
import { createMarkedProcesses, killAndWait } from './marked-processes.ts';

const processes = createMarkedProcesses();
let workDir = '';
let target: ProbeTarget | undefined;

afterEach(async () => {
  target?.window.close();
  await processes.stopAll();
  removeDirectory(workDir);
});

describe('compareAll', () => {
  it('reports every probe at the three moments, null (never 0) for those that lost the host they read', async () => {
    // Named as the harness names its own folders, which no trial of a test file running beside this one counts as its leftover.
    workDir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}probes-`));
    const host = await processes.start('sleep', ['300']);
    target = createProbeTarget({ trialId: processes.trialId, hostPid: host.pid ?? Number.NaN, workDir });
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

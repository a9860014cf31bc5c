import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareSnapshots, type ProbeTarget } from '../../src/probes/probe.ts';
import { createProbeTarget } from '../../src/probes/probe-target.ts';
import { tempFilesProbe } from '../../src/probes/temp-files.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';
import { TEMP_PREFIX } from '../../src/marker/marker.ts';

let workDir = '';
let target: ProbeTarget | undefined;
afterEach(() => {
  target?.window.close();
  removeDirectory(workDir);
});

/** The work directory is named as the harness names its own folders, which no trial of a test file running beside this one counts as its leftover. */
function createTarget(): ProbeTarget {
  workDir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}temp-files-probe-`));
  target = createProbeTarget({ trialId: 'unused', hostPid: process.pid, workDir });
  return target;
}

describe('tempFilesProbe', () => {
  it('reports the files and folders created after the first snapshot, nested ones by relative path', async () => {
    const probed = createTarget();
    writeFileSync(join(workDir, 'already-there'), '');
    const before = tempFilesProbe.snapshot(probed);
    writeFileSync(join(workDir, 'left.tmp'), '');
    mkdirSync(join(workDir, 'nested'));
    writeFileSync(join(workDir, 'nested', 'deeper.tmp'), '');
    expect(await compareSnapshots(tempFilesProbe, before, null, tempFilesProbe.snapshot(probed))).toEqual({
      total: 3,
      paths: ['left.tmp', 'nested/', 'nested/deeper.tmp'],
      outside: [],
      unattributed: [],
      unattributedCount: 0,
    });
  });

  it('cannot measure a directory that is gone, which yields null rather than 0', async () => {
    const probed = createTarget();
    const before = tempFilesProbe.snapshot(probed);
    removeDirectory(workDir);
    expect(before?.workDir).toEqual(new Set());
    expect(await compareSnapshots(tempFilesProbe, before, null, tempFilesProbe.snapshot(probed))).toBeNull();
  });
});

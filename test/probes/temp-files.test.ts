import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareSnapshots } from '../../src/probes/probe.ts';
import { tempFilesProbe } from '../../src/probes/temp-files.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';

let workDir = '';
afterEach(() => removeDirectory(workDir));

const targetOf = (directory: string) => ({ trialId: 'unused', hostPid: process.pid, childPid: null, workDir: directory });

describe('tempFilesProbe', () => {
  it('reports the files and folders created after the first snapshot, nested ones by relative path', async () => {
    workDir = mkdtempSync(join(tmpdir(), 'temp-files-probe-'));
    writeFileSync(join(workDir, 'already-there'), '');
    const before = tempFilesProbe.snapshot(targetOf(workDir));
    writeFileSync(join(workDir, 'left.tmp'), '');
    mkdirSync(join(workDir, 'nested'));
    writeFileSync(join(workDir, 'nested', 'deeper.tmp'), '');
    expect(await compareSnapshots(tempFilesProbe, before, null, tempFilesProbe.snapshot(targetOf(workDir)))).toEqual({
      total: 3,
      paths: ['left.tmp', 'nested/', 'nested/deeper.tmp'],
    });
  });

  it('cannot measure a directory that is gone, which yields null rather than 0', async () => {
    workDir = mkdtempSync(join(tmpdir(), 'temp-files-probe-'));
    const before = tempFilesProbe.snapshot(targetOf(workDir));
    removeDirectory(workDir);
    expect(before).toEqual(new Set());
    expect(await compareSnapshots(tempFilesProbe, before, null, tempFilesProbe.snapshot(targetOf(workDir)))).toBeNull();
  });
});

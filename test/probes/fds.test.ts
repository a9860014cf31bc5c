import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyLink, fdsProbe } from '../../src/probes/fds.ts';
import { compareSnapshots, type ProbeTarget } from '../../src/probes/probe.ts';
import { createProbeTarget } from '../../src/probes/probe-target.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';
import { TEMP_PREFIX } from '../../src/marker/marker.ts';

// A Node.js process that opens the files it is sent and keeps them open: a real process leaking real descriptors.
const OPENS_FILES_ON_REQUEST = `
const { openSync } = require('node:fs');
process.on('message', (paths) => {
  for (const path of paths) openSync(path, 'w');
  process.send('opened');
});
process.send('listening');
`;

const started: ChildProcess[] = [];
let folder = '';

async function startProcess(command: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  started.push(child);
  await once(child, 'spawn');
  return child;
}

async function startFileOpener(): Promise<{ process: ChildProcess; pid: number; open(paths: string[]): Promise<void> }> {
  const child = await startProcess(process.execPath, ['-e', OPENS_FILES_ON_REQUEST]);
  await once(child, 'message');
  return {
    process: child,
    pid: child.pid ?? Number.NaN,
    async open(paths) {
      child.send(paths);
      await once(child, 'message');
    },
  };
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

const targets: ProbeTarget[] = [];

function targetOf(hostPid: number, childPid: number | null): ProbeTarget {
  const target = createProbeTarget({ trialId: 'unused', hostPid, childPid, workDir: folder });
  targets.push(target);
  return target;
}

describe('fdsProbe', () => {
  beforeEach(() => {
    // Named as the harness names its own folders, which no trial of a test file running beside this one counts as its leftover.
    folder = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}fds-probe-`));
  });

  afterEach(async () => {
    for (const target of targets.splice(0)) target.window.close();
    await Promise.all(started.splice(0).map(killAndWait));
    removeDirectory(folder);
  });

  it('reports exactly the 2 descriptors a host opened after the first snapshot', async () => {
    const host = await startFileOpener();
    const target = targetOf(host.pid, null);
    const before = fdsProbe.snapshot(target);
    await host.open([join(folder, 'first'), join(folder, 'second')]);
    const leftovers = await compareSnapshots(fdsProbe, before, null, fdsProbe.snapshot(target));
    expect(leftovers).toEqual({
      total: 2,
      byKind: { file: 2, socket: 0, pipe: 0, other: 0 },
      descriptors: [expect.stringMatching(/^host \d+ -> .*\/first$/), expect.stringMatching(/^host \d+ -> .*\/second$/)],
    });
  });

  it('lists every descriptor of a living child, and none once it has exited', async () => {
    const host = await startProcess('sleep', ['300']);
    const child = await startFileOpener();
    const target = targetOf(host.pid ?? Number.NaN, child.pid);
    const before = fdsProbe.snapshot(target);
    await child.open([join(folder, 'held')]);
    const whileAlive = await compareSnapshots(fdsProbe, before, null, fdsProbe.snapshot(target));
    expect(whileAlive?.descriptors.every((descriptor) => descriptor.startsWith('child '))).toBe(true);
    expect(whileAlive?.descriptors).toContainEqual(expect.stringMatching(/^child \d+ -> .*\/held$/));
    expect(whileAlive?.total).toBeGreaterThan(1);

    await killAndWait(child.process);
    expect(await compareSnapshots(fdsProbe, before, null, fdsProbe.snapshot(target))).toMatchObject({ total: 0, descriptors: [] });
  });

  it('cannot measure a host that is gone, which yields null rather than 0', async () => {
    const host = await startProcess('sleep', ['300']);
    const target = targetOf(host.pid ?? Number.NaN, null);
    const before = fdsProbe.snapshot(target);
    await killAndWait(host);
    expect(before).not.toBeNull();
    expect(await compareSnapshots(fdsProbe, before, null, fdsProbe.snapshot(target))).toBeNull();
  });
});

describe('classifyLink', () => {
  it.each([
    ['/tmp/isolation-harness-x/work/a.log', 'file'],
    ['/tmp/isolation-harness-x/work/a.log (deleted)', 'file'],
    ['/dev/null', 'file'],
    ['socket:[13710]', 'socket'],
    ['pipe:[13706]', 'pipe'],
    ['anon_inode:[eventpoll]', 'other'],
    ['anon_inode:[eventfd]', 'other'],
  ])('classifies %s as %s', (link, kind) => {
    expect(classifyLink(link)).toBe(kind);
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readProcessStat } from '../../src/linux-proc/process-stat.ts';
import { containProcess, type Containment, describeContainment } from '../../src/process-family/containment.ts';
import { createProcessFamily, type ProcessFamily } from '../../src/process-family/process-family.ts';
import { reapFamily } from '../../src/process-family/reap-family.ts';
import { scanFamily } from '../../src/process-family/scan-family.ts';
import { findFixtureProcesses } from '../support/fixture-leftovers.ts';

// A root that leads a session of its own (as a host does) starts three sleeps that drop every environment variable
// but PATH: one stays its child, one is left behind by a shell that exits (re-parented, still in the root's
// session), one is double-forked into a session of its own by `setsid -f` (re-parented, in no group of the root's).
const started: { root: ChildProcess; token: string; containment: Containment | null }[] = [];
afterEach(async () => {
  for (const { root, token, containment } of started.splice(0)) {
    root.kill('SIGKILL');
    // This test's own sleeps, found by the token in their command line a moment before the signal.
    for (const { pid } of findFixtureProcesses(token)) process.kill(pid, 'SIGKILL');
    await vi.waitFor(() => expect(findFixtureProcesses(token)).toEqual([]));
    await containment?.remove();
  }
});

/** The three sleeps, whose command lines start with the token (the root's own script only mentions it). */
function findSleeps(token: string) {
  return findFixtureProcesses(token).filter(({ commandLine }) => commandLine.startsWith(token));
}

async function startRoot(contained: boolean): Promise<{ family: ProcessFamily; token: string }> {
  const token = `ih-fixture-scan-${randomBytes(4).toString('hex')}`;
  const script = [
    'read go',
    `bash -c 'exec -a ${token}-child sleep 300' &`,
    `sh -c "bash -c 'exec -a ${token}-orphan sleep 300' &"`,
    `setsid -f bash -c 'exec -a ${token}-daemon sleep 300'`,
    'wait',
  ].join('\n');
  const root = spawn('bash', ['-c', script], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env: { PATH: process.env.PATH } });
  await once(root, 'spawn');
  const containment = contained ? containProcess(token, root.pid ?? Number.NaN) : null;
  started.push({ root, token, containment });
  root.stdin?.end('go\n');
  await vi.waitFor(() => expect(findSleeps(token)).toHaveLength(3), { timeout: 5000 });
  const rootStat = readProcessStat(root.pid ?? Number.NaN);
  if (rootStat === null) throw new Error('the root is gone');
  return { family: createProcessFamily({ marker: token, roots: [rootStat], cgroup: containment }), token };
}

/** Each living process of the family, by the role its command line names, with how it was found. */
function foundByRole(family: ProcessFamily, token: string): Record<string, string[]> {
  const roles = new Map(findSleeps(token).map(({ pid, commandLine }) => [pid, commandLine.split(' ')[0]?.slice(token.length + 1) ?? '']));
  return Object.fromEntries(scanFamily(family).living.flatMap((found) => (roles.has(found.pid) ? [[roles.get(found.pid), found.foundBy]] : [])));
}

describe('scanFamily', () => {
  it("without a cgroup finds the child by ancestry and the shell's orphan by session, and cannot see a double-forked daemon", async () => {
    const { family, token } = await startRoot(false);
    expect(foundByRole(family, token)).toEqual({ child: ['ancestry', 'group'], orphan: ['group'] });
    // What it found, it reaps; the daemon, which it could not see, is the blind spot the report lists.
    await reapFamily(family);
    expect(findSleeps(token).map(({ commandLine }) => commandLine)).toEqual([`${token}-daemon 300`]);
  });

  // Only where this user may create a cgroup (root here, and in CI); elsewhere the harness runs without one.
  it.skipIf(!describeContainment().available)('with a cgroup finds all three, the daemon by the cgroup alone', async () => {
    const { family, token } = await startRoot(true);
    expect(family.cgroup).not.toBeNull();
    expect(foundByRole(family, token)).toEqual({ child: ['cgroup', 'ancestry', 'group'], orphan: ['cgroup', 'group'], daemon: ['cgroup'] });
    await reapFamily(family);
    expect(findSleeps(token)).toEqual([]);
  });
});

/**
 * The same three sleeps under a root that is their child subreaper, as a host is: the daemon, orphaned by its
 * double fork, is re-parented to the root, so a walk of the root's tree finds all three, as the whole table does.
 */
async function startSubreaperRoot(): Promise<{ family: ProcessFamily; token: string }> {
  const token = `ih-fixture-walk-${randomBytes(4).toString('hex')}`;
  const script = [
    `bash -c 'exec -a ${token}-child sleep 300' &`,
    `sh -c "bash -c 'exec -a ${token}-orphan sleep 300' &"`,
    `setsid -f bash -c 'exec -a ${token}-daemon sleep 300'`,
    'wait',
  ].join('\n');
  const subreaper = `import ctypes, subprocess, sys; ctypes.CDLL(None).prctl(36, 1, 0, 0, 0); sys.stdin.readline(); subprocess.run(['bash', '-c', sys.argv[1]])`;
  const root = spawn('python3', ['-c', subreaper, script], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env: { PATH: process.env.PATH } });
  await once(root, 'spawn');
  started.push({ root, token, containment: null });
  root.stdin?.end('go\n');
  await vi.waitFor(() => expect(findSleeps(token)).toHaveLength(3), { timeout: 5000 });
  const rootStat = readProcessStat(root.pid ?? Number.NaN);
  if (rootStat === null) throw new Error('the root is gone');
  return { family: createProcessFamily({ marker: token, roots: [rootStat], subreapers: () => true }), token };
}

describe('scanFamily of a family whose root is its subreaper', () => {
  it('walks the tree and finds all three by ancestry, as the whole table does, and reaps them', async () => {
    const { family, token } = await startSubreaperRoot();
    expect(family.isContained()).toBe(true);
    expect(foundByRole(family, token)).toEqual({ child: ['ancestry'], orphan: ['ancestry'], daemon: ['ancestry'] });
    const walked = new Set(scanFamily(family).living.map((found) => found.pid));
    expect(new Set(scanFamily(family, { whole: true }).living.map((found) => found.pid))).toEqual(walked);
    await reapFamily(family);
    expect(findSleeps(token)).toEqual([]);
  });
});

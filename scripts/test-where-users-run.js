// The escape and fault tests, run where users run the harness: `--as-user` runs them as an ordinary user who may
// create no cgroup (nobody, or a user made for it, when started as root; the caller itself otherwise), `--noisy`
// beside a noisy neighbour (scripts/noisy-neighbour.js: files written at the top of /tmp and /dev/shm, and every
// core busy). What a trial finds must not change with either. `.ci/run` runs both after `npm test`.
import { execFileSync, fork, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TESTS = ['test/escapes', 'test/faults', 'test/cli/faults.test.ts', 'test/python'];
const USER_MADE_FOR_TESTS = 'isolation-harness-tests';
const mode = process.argv[2];
if (mode !== '--as-user' && mode !== '--noisy') {
  process.stderr.write(`test-where-users-run: mode "${mode ?? ''}" is not allowed; allowed: --as-user, --noisy\n`);
  process.exit(2);
}

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
process.exitCode = mode === '--as-user' ? runAsOrdinaryUser() : await runBesideNeighbour();

/** Vitest from the clone, writing nothing in it (its config bundled in memory, dist/ built above). */
function vitestCommand() {
  return [process.execPath, join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--configLoader', 'runner', ...TESTS];
}

function runAsOrdinaryUser() {
  if (process.getuid?.() !== 0) return runTests([]);
  const user = findOrdinaryUser();
  const home = mkdtempSync(join(tmpdir(), 'isolation-harness-tests-home-'));
  chmodSync(home, 0o777);
  const opened = openPathTo(root);
  try {
    const environment = ['env', `HOME=${home}`, 'ISOLATION_HARNESS_TESTS_PREBUILT=1', `PATH=${process.env.PATH}`];
    process.stdout.write(`test-where-users-run: the escape and fault tests as ${user} (uid ${readUid(user)}), who may create no cgroup\n`);
    return runTests(['runuser', '-u', user, '--', ...environment]);
  } finally {
    for (const [directory, mode] of opened) chmodSync(directory, mode);
    rmSync(home, { recursive: true, force: true });
  }
}

async function runBesideNeighbour() {
  const neighbour = fork(join(root, 'scripts/noisy-neighbour.js'), [], { stdio: 'inherit' });
  const exited = new Promise((resolve) => neighbour.once('exit', resolve));
  const ready = await Promise.race([new Promise((resolve) => neighbour.once('message', () => resolve(true))), exited.then(() => false)]);
  if (!ready) throw new Error('test-where-users-run: the noisy neighbour exited before it was ready');
  process.stdout.write('test-where-users-run: the escape and fault tests beside a noisy neighbour (files in /tmp and /dev/shm, every core busy)\n');
  try {
    return runTests([], { ISOLATION_HARNESS_TESTS_PREBUILT: '1' });
  } finally {
    neighbour.kill('SIGTERM');
    await exited;
  }
}

function runTests(prefix, environment = {}) {
  const [command, ...args] = [...prefix, ...vitestCommand()];
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...environment } });
  return run.status ?? 1;
}

/** nobody where the machine has it, or a system user made for the tests. */
function findOrdinaryUser() {
  for (const user of ['nobody', USER_MADE_FOR_TESTS]) if (readUid(user) !== null) return user;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', USER_MADE_FOR_TESTS], { stdio: 'inherit' });
  return USER_MADE_FOR_TESTS;
}

function readUid(user) {
  try {
    return Number(execFileSync('id', ['-u', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return null;
  }
}

/**
 * Lets every user reach the clone (a clone under /root is not): each folder on the way gets the others' search bit,
 * the clone itself their read bit, for the run only. Returns what to restore.
 */
function openPathTo(directory) {
  const changed = [];
  for (let current = resolve(directory); ; current = dirname(current)) {
    const { mode } = statSync(current);
    const wanted = current === resolve(directory) ? mode | 0o005 : mode | 0o001;
    if (wanted !== mode) {
      chmodSync(current, wanted & 0o7777);
      changed.push([current, mode & 0o7777]);
    }
    if (dirname(current) === current) return changed;
  }
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MARKER_VARIABLE, TEMP_PREFIX } from '../../src/marker/marker.ts';
import { CACHE_VARIABLE } from '../../src/engines/engine-cache.ts';
import { readEnvironmentVariable } from '../../src/linux-proc/process-environment.ts';
import { listPids } from '../../src/linux-proc/process-stat.ts';
import { findDeadRunCgroups } from '../../src/process-family/containment.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';
import { findFixtureFiles, findFixtureProcesses } from '../support/fixture-leftovers.ts';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds dist/ (hosts, workers and children run the compiled files), then checks that the run left no process
 * and no folder behind. Everything the tests start inherits a private TMPDIR, so two test runs on one machine
 * (the whole suite and someone's `vitest run test/cli`, say) never blame each other for their leftovers.
 */
export default function setup(): () => void {
  // Each project of vitest.config.ts runs this; the first one sets the run up and checks it at the very end.
  if (process.env[TESTS_TEMP_VARIABLE] !== undefined) return () => undefined;
  // A run as another user (scripts/test-where-users-run.js --as-user) reads the dist/ its caller built: it may write nothing in the clone.
  if (process.env[PREBUILT_VARIABLE] === undefined) buildDist();
  const realTemp = process.env.TMPDIR;
  const runTemp = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}tests-`));
  process.env.TMPDIR = runTemp;
  process.env[TESTS_TEMP_VARIABLE] = runTemp;
  // The Node.js releases and addon builds the --node tests install go with the test run, not into the user's cache.
  process.env[CACHE_VARIABLE] = join(runTemp, 'node-cache');
  return () => {
    delete process.env[TESTS_TEMP_VARIABLE];
    delete process.env[CACHE_VARIABLE];
    const problems = [...describeSurvivors(runTemp), ...describeFixtureLeftovers(), ...describeLeftCgroups(), ...describeLeftDirectories(runTemp)];
    if (realTemp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = realTemp;
    removeDirectory(runTemp);
    if (problems.length === 0) return;
    // Vitest only logs an error thrown by a global teardown and still exits with 0; the exit code must say it.
    process.exitCode = 1;
    throw new Error(`the tests left things behind: ${problems.join('; ')}`);
  };
}

/** Set by a caller that built dist/ already and runs the tests as a user who may not write the clone. */
const PREBUILT_VARIABLE = 'ISOLATION_HARNESS_TESTS_PREBUILT';

/** Set while a test run is under way, so the setup of its second project does not start a second one. */
const TESTS_TEMP_VARIABLE = 'ISOLATION_HARNESS_TESTS_TEMP';

/**
 * The escape fixtures' processes and files, found by the tag in their command line or name: the fixtures start them
 * without the marker (a cleared environment, a setsid daemon), so a search by marker would miss exactly these.
 */
function describeFixtureLeftovers(): string[] {
  const processes = findFixtureProcesses().map(({ pid, commandLine }) => `${pid} (${commandLine})`);
  const files = findFixtureFiles();
  return [
    ...(processes.length > 0 ? [`fixture processes still alive (found by command line): ${processes.join(', ')}`] : []),
    ...(files.length > 0 ? [`fixture files left: ${files.join(', ')}`] : []),
  ];
}

/** Cgroups the harness made for its hosts whose owner has exited: each should have been removed with its host. */
function describeLeftCgroups(): string[] {
  const left = findDeadRunCgroups().map((cgroup) => cgroup.directory);
  return left.length > 0 ? [`host cgroups left: ${left.join(', ')}`] : [];
}

function buildDist(): void {
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: repositoryRoot, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const output = error instanceof Error && 'stdout' in error ? String(error.stdout) : '';
    throw new Error(`npm run build failed before the tests:\n${output}`, { cause: error });
  }
}

/** Living processes of this test run that carry the marker; zombies have no environment and are not listed. */
function describeSurvivors(runTemp: string): string[] {
  const survivors = listPids().flatMap((pid) => {
    const marker = readEnvironmentVariable(pid, MARKER_VARIABLE);
    const ofThisRun = readEnvironmentVariable(pid, 'TMPDIR')?.startsWith(runTemp) ?? false;
    return marker !== null && ofThisRun ? [`${pid} (${marker})`] : [];
  });
  return survivors.length > 0 ? [`processes carrying ${MARKER_VARIABLE} still alive: ${survivors.join(', ')}`] : [];
}

function describeLeftDirectories(runTemp: string): string[] {
  const left = readdirSync(runTemp).filter((entry) => entry.startsWith(TEMP_PREFIX));
  return left.length > 0 ? [`harness directories left in the tests' TMPDIR: ${left.join(', ')}`] : [];
}

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execaNode, type ResultPromise } from 'execa';
import { afterAll, expect, it, vi } from 'vitest';
import { OWNER_VARIABLE } from '../../src/marker/run-owner.ts';
import { readEnvironmentVariable } from '../../src/linux-proc/process-environment.ts';
import { listPids } from '../../src/linux-proc/process-stat.ts';
import { JOURNAL_FILE } from '../../src/run/results-journal.ts';
import { PROCESS_JOURNAL } from '../../src/marker/run-owner.ts';
import { readRunId, runCli } from '../cli/run-cli.ts';
import { findFixtureProcesses } from '../support/fixture-leftovers.ts';
import { listCgroupsOf } from '../support/living-processes.ts';

const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-dead-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A harness SIGKILLed mid-run while its trials' setsid daemons (an empty environment: no marker, in no group of a
// host) are alive. Whoever runs it, root with a cgroup per host or a user without one, nothing may stay behind.

it('a harness SIGKILLed alone leaves nothing: each host ends every descendant, its adopted daemons included', async () => {
  const { harness, runId } = await startDaemonRun(join(scratch, 'alone'));
  harness.kill('SIGKILL');
  await harness;
  // The hosts see their channel close, end what they hold, and exit: at once, not at the next run (within seconds on
  // a machine whose cores other test files and a noisy neighbour keep busy).
  await vi.waitFor(() => expect(findFixtureProcesses(`ih-fixture-${runId}`)).toEqual([]), { timeout: 15_000, interval: 20 });
  await vi.waitFor(() => expect(findHostsOf(harness.pid ?? 0)).toEqual([]), { timeout: 15_000, interval: 20 });
  const next = await runCli(['--workload', 'cpu-loop', '--runtime', 'process', '--kill', 'abort', '--trials', '1', '--out', join(scratch, 'alone-next')]);
  expect(next.exitCode).toBe(0);
  expect(next.stderr).toMatch(/cleaned up after an earlier run that died: \d+ process\(es\) killed, 1 temp folder\(s\) removed/);
  expect(listCgroupsOf(runId)).toEqual([]);
});

it("a harness SIGKILLed with its hosts: the next run reaps the dead run's unmarked daemons, found through its journal", async () => {
  const out = join(scratch, 'with-hosts');
  const { harness, runId } = await startDaemonRun(out);
  // Once the run's journal names every daemon alive, the harness and every host die at once (the OOM killer, a
  // container's end). The harness journals what it finds; a host journals each orphan it takes in, as it comes.
  await vi.waitFor(
    () => {
      const journaled = readProcessJournal(runId).join('\n');
      expect(findFixtureProcesses(`ih-fixture-${runId}`).filter(({ pid }) => !journaled.includes(`"pid":${pid},`))).toEqual([]);
    },
    { timeout: 30_000, interval: 5 },
  );
  for (const pid of [harness.pid ?? 0, ...findHostsOf(harness.pid ?? 0)]) killIfAlive(pid);
  await harness;
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(findFixtureProcesses(`ih-fixture-${runId}`).length).toBeGreaterThan(0);

  const next = await runCli(['--workload', 'cpu-loop', '--runtime', 'process', '--kill', 'abort', '--trials', '1', '--out', join(scratch, 'with-hosts-next')]);
  expect(next.exitCode).toBe(0);
  expect(next.stderr).toMatch(/cleaned up after an earlier run that died: [1-9]\d* process\(es\) killed, 1 temp folder\(s\) removed/);
  expect(findFixtureProcesses(`ih-fixture-${runId}`)).toEqual([]);
  expect(listCgroupsOf(runId)).toEqual([]);
});

/** A run whose trials start a setsid daemon each; resolves once a trial's daemon is alive, the harness mid-trial. */
async function startDaemonRun(out: string): Promise<{ harness: ResultPromise; runId: string }> {
  const daemon = 'test/fixtures/workloads/escapes/setsid-daemon.ts';
  // Kills land up to 3 s after ready(), so a trial's daemon is alive for long enough that the harness dies mid-trial,
  // not just after the trial reaped it.
  const harness = execaNode(bin, ['--workload', daemon, '--kill', 'sigkill,abort', '--trials', '6', '--kill-delay', '3000', '--seed', '3', '--out', out], {
    reject: false,
    nodeOptions: [],
  });
  const runId = await readRunId(harness);
  await vi.waitFor(() => expect(findFixtureProcesses(`ih-fixture-${runId}`).length).toBeGreaterThan(0), { timeout: 30_000, interval: 5 });
  expect(readJournal(out).length).toBeGreaterThan(0);
  return { harness, runId };
}

/** SIGKILLs a process that may have exited since it was listed (a host ending by itself). */
function killIfAlive(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ESRCH') throw error;
  }
}

/** The hosts the harness of this pid started, by the owner they carry. */
function findHostsOf(harnessPid: number): number[] {
  return listPids().filter((pid) => readEnvironmentVariable(pid, OWNER_VARIABLE)?.startsWith(`${harnessPid}:`) === true);
}

function readJournal(out: string): string[] {
  const path = join(out, JOURNAL_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
}

/** The lines of the process journal in the run's folder, in the TMPDIR the tests give every run. */
function readProcessJournal(runId: string): string[] {
  const name = readdirSync(tmpdir()).find((entry) => entry.startsWith(`isolation-harness-${runId}-`));
  const path = join(tmpdir(), name ?? '', PROCESS_JOURNAL);
  return name === undefined || !existsSync(path) ? [] : readFileSync(path, 'utf8').split('\n').filter(Boolean);
}

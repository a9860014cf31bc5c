import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import { afterAll, expect, it, vi } from 'vitest';
import { JOURNAL_FILE } from '../../src/run/results-journal.ts';
import { runCli } from '../cli/run-cli.ts';
import { findFixtureProcesses } from '../support/fixture-leftovers.ts';
import { listCgroupsOf } from '../support/living-processes.ts';

const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-dead-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A harness SIGKILLed mid-run leaves what its trials started outside its hosts' process groups: a setsid daemon with
// an empty environment carries no marker and is in no group of a host. The next run must still find it (the dead
// run's journal names it by pid and start time, and its host's cgroup holds it) and reap it.
it("the next run reaps a dead run's unmarked daemons, found through its journal and cgroups", async () => {
  const out = join(scratch, 'out');
  const daemon = 'test/fixtures/workloads/escapes/setsid-daemon.ts';
  // Kills land up to 3 s after ready(), so a trial's daemon is alive for long enough that the harness dies mid-trial,
  // not just after the trial reaped it.
  const harness = execaNode(bin, ['--workload', daemon, '--kill', 'sigkill,abort', '--trials', '6', '--kill-delay', '3000', '--seed', '3', '--out', out], {
    reject: false,
    nodeOptions: [],
  });
  const runId = await new Promise<string>((resolve) => {
    harness.stderr?.once('data', (chunk) => resolve(/^run (\S+):/.exec(String(chunk))?.[1] ?? 'no run id printed'));
  });
  // A trial under way: its daemon is alive and is no process the harness will reap, since the harness dies now.
  await vi.waitFor(() => expect(findFixtureProcesses(`ih-fixture-${runId}`).length).toBeGreaterThan(0), { timeout: 30_000, interval: 5 });
  expect(readJournal(out).length).toBeGreaterThan(0);
  harness.kill('SIGKILL');
  await harness;
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(findFixtureProcesses(`ih-fixture-${runId}`).length).toBeGreaterThan(0);

  const next = await runCli(['--workload', 'cpu-loop', '--runtime', 'process', '--kill', 'abort', '--trials', '1', '--out', join(scratch, 'next')]);
  expect(next.exitCode).toBe(0);
  expect(next.stderr).toMatch(/cleaned up after an earlier run that died: [1-9]\d* process\(es\) killed, 1 temp folder\(s\) removed/);
  expect(findFixtureProcesses(`ih-fixture-${runId}`)).toEqual([]);
  expect(listCgroupsOf(runId)).toEqual([]);
});

function readJournal(out: string): string[] {
  const path = join(out, JOURNAL_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
}

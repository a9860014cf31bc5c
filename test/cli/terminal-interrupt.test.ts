import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import { afterAll, expect, it, vi } from 'vitest';
import { JOURNAL_FILE } from '../../src/run/results-journal.ts';
import { TEMP_PREFIX } from '../../src/marker/marker.ts';
import { findFixtureProcesses } from '../support/fixture-leftovers.ts';
import { findLivingProcessesOf, listCgroupsOf } from '../support/living-processes.ts';

const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-terminal-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Ctrl-C in a terminal sends SIGINT to the whole foreground process group, not to the harness alone. The harness
// runs here as a terminal's job does: leading a process group of its own (detached), which the signal is sent to.
// Its hosts lead sessions of their own, so the signal reaches the harness only, and it stops them in order.
it('Ctrl-C sent to the process group, as a terminal sends it, ends with a report marked incomplete and nothing left', async () => {
  const out = join(scratch, 'out');
  const workloads = ['grandchild', 'test/fixtures/workloads/escapes/minimal-environment-grandchild.ts'].join(',');
  const harness = execaNode(bin, ['--workload', workloads, '--kill', 'sigkill,abort,terminate', '--trials', '6', '--seed', '7', '--out', out], {
    reject: false,
    nodeOptions: [],
    detached: true,
  });
  const runId = await new Promise<string>((resolve) => {
    harness.stderr?.once('data', (chunk) => resolve(/^run (\S+):/.exec(String(chunk))?.[1] ?? 'no run id printed'));
  });
  await vi.waitFor(
    () => {
      // The header and the segment line, then more than two results.
      expect(readJournal(out).length).toBeGreaterThan(4);
      expect(findLivingProcessesOf(runId).map((found) => found.command)).toContain('sleep');
    },
    { timeout: 40_000, interval: 20 },
  );
  process.kill(-(harness.pid ?? Number.NaN), 'SIGINT');
  const result = await harness;
  expect(result.exitCode).toBe(130);
  expect(result.stderr).not.toMatch(/ERR_IPC_CHANNEL_CLOSED|Unhandled|at .*\.js:\d+/);
  expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('**Incomplete:** interrupted by SIGINT');
  expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).incomplete.reason).toBe('interrupted by SIGINT');
  expect(readdirSync(tmpdir()).filter((entry) => entry.startsWith(`${TEMP_PREFIX}${runId}`))).toEqual([]);
  expect(findLivingProcessesOf(runId)).toEqual([]);
  expect(listCgroupsOf(runId)).toEqual([]);
  expect(findFixtureProcesses(`ih-fixture-${runId}`)).toEqual([]);
});

function readJournal(out: string): string[] {
  const path = join(out, JOURNAL_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
}

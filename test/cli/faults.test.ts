import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { JOURNAL_FILE } from '../../src/run/results-journal.ts';
import { TEMP_PREFIX } from '../../src/marker/marker.ts';
import { findLivingProcessesOf, listCgroupsOf } from '../support/living-processes.ts';
import { readRunId, runCli } from './run-cli.ts';

const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Enough trials that the run is still going when the signal comes, even on a loaded machine where the test itself
 * waits long for a core; grandchild keeps a `sleep` alive in each. Its leftovers are not watched (`--linger 0`): the
 * test is about the interruption.
 */
const LONG_RUN = ['--workload', 'grandchild', '--runtime', 'process', '--kill', 'sigkill,tree-kill', '--trials', '20', '--linger', '0', '--seed', '5'];
const PLANNED_RESULTS = 40;

/** Starts the harness and waits until it has journaled `results` results and a trial's grandchild is alive. */
async function startMidRun(out: string, results: number) {
  const harness = execaNode(bin, [...LONG_RUN, '--out', out], { reject: false, nodeOptions: [] });
  const runId = await readRunId(harness);
  await vi.waitFor(
    () => {
      expect(readJournaledResults(out).length).toBeGreaterThanOrEqual(results);
      expect(findLivingProcessesOf(runId).map((found) => found.command)).toContain('sleep');
    },
    { timeout: 40_000, interval: 20 },
  );
  return { harness, runId };
}

function readJournalLines(out: string): string[] {
  const path = join(out, JOURNAL_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
}

/** The results of the journal's whole result lines (not its header or segment lines). */
function readJournaledResults(out: string): unknown[] {
  const lines = readJournalLines(out).map((line) => JSON.parse(line) as { type: string; result?: unknown });
  return lines.filter((line) => line.type === 'result').map((line) => line.result);
}

function expectNothingLeftOf(runId: string): void {
  expect(readdirSync(tmpdir()).filter((entry) => entry.startsWith(`${TEMP_PREFIX}${runId}`))).toEqual([]);
  expect(findLivingProcessesOf(runId)).toEqual([]);
  expect(listCgroupsOf(runId)).toEqual([]);
}

describe('the harness interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('by %s reaps its processes, removes its folders, writes a report marked incomplete and exits %i', async (signal, exitCode) => {
    const out = join(scratch, signal);
    const { harness, runId } = await startMidRun(out, 2);
    harness.kill(signal);
    const result = await harness;
    expect(result.exitCode).toBe(exitCode);
    expect(result.stderr).toMatch(
      new RegExp(`interrupted by ${signal}; processes reaped, temp folders removed; incomplete report of \\d+ of ${PLANNED_RESULTS} results written`),
    );
    const record = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(record.incomplete).toEqual({ reason: `interrupted by ${signal}`, plannedResults: PLANNED_RESULTS });
    // Every trial that completed is in the report, as the journal holds it.
    const journaled = readJournaledResults(out);
    expect(record.results).toEqual(expect.arrayContaining(journaled));
    expect(record.results.length).toBeGreaterThanOrEqual(2);
    // The trials the interrupt cut short are left out (a resumed run runs them), not recorded as errored.
    expect(record.results.filter((trial: { outcome: string }) => trial.outcome === 'errored')).toEqual([]);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/incomplete/i);
    expectNothingLeftOf(runId);
  });

  it('by SIGKILL keeps every completed result on disk; the next run cleans up after it and --resume completes it', async () => {
    const out = join(scratch, 'SIGKILL');
    const { harness, runId } = await startMidRun(out, 3);
    harness.kill('SIGKILL');
    await harness;
    // Whole lines only: each parses, and at least three results made it to disk after the header and segment lines.
    const completed = readJournaledResults(out);
    expect(completed.length).toBeGreaterThanOrEqual(3);
    // Its hosts saw their channel close and ended their own process groups, with the work in them; what a trial
    // had already orphaned before the kill (a sleep not yet reaped) may live on, and the next run reaps that.
    await vi.waitFor(() => expect(findLivingProcessesOf(`${runId}-host`)).toEqual([]), { timeout: 5_000, interval: 20 });

    const resumed = await runCli(['--resume', '--out', out]);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stderr).toMatch(/cleaned up after an earlier run that died: \d+ process\(es\) killed, 1 temp folder\(s\) removed/);
    expectNothingLeftOf(runId);
    const record = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(record.incomplete).toBeNull();
    expect(record.results).toHaveLength(PLANNED_RESULTS);
    expect(record.results).toEqual(expect.arrayContaining(completed));
    // Started as an installed package is (not through this project's npm script): the command says so.
    expect(record.command).toBe(`npx isolation-harness ${[...LONG_RUN, '--out', out].join(' ')}`);
    expect(existsSync(join(out, JOURNAL_FILE))).toBe(false);
  });
});

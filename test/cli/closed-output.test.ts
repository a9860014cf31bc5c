import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execaNode, type ResultPromise } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { TEMP_PREFIX } from '../../src/marker/marker.ts';
import { JOURNAL_FILE } from '../../src/run/results-journal.ts';
import { findLivingProcessesOf } from '../support/living-processes.ts';

// The run's reader goes away (a pipe to head, a closed terminal): the run must not die of it and leave its work behind.
const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-closed-output-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// Long enough that the output closes while trials still run.
const LONG_RUN = ['--workload', 'cpu-loop,open-files', '--kill', 'abort,sigkill,terminate', '--trials', '6', '--seed', '3'];

function startHarness(args: string[]) {
  return execaNode(bin, args, { reject: false, nodeOptions: [], env: { GITHUB_ACTIONS: undefined } });
}

/** The run's id, from its first line on stderr, once it has run at least one trial. */
function waitForFirstResult(harness: ResultPromise): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    harness.stderr?.on('data', (chunk: Buffer) => {
      text += String(chunk);
      const runId = /^run (\S+):/m.exec(text)?.[1];
      if (runId !== undefined && /^\[ *1\//m.test(text)) resolve(runId);
    });
  });
}

/** Nothing of the run is left on the machine, and its report and journal say where it stopped. */
function expectStoppedCleanly(out: string, runId: string, reason: string): void {
  const record = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  expect(record.incomplete.reason).toBe(reason);
  expect(existsSync(join(out, JOURNAL_FILE))).toBe(true);
  expect(readdirSync(tmpdir()).filter((entry) => entry.startsWith(`${TEMP_PREFIX}${runId}`))).toEqual([]);
  expect(findLivingProcessesOf(runId)).toEqual([]);
}

describe('a closed output', () => {
  it('stops a run whose stderr closes mid-run as Ctrl-C does: exit 141, every process reaped, the report written', async () => {
    const out = join(scratch, 'stderr-closed');
    const harness = startHarness([...LONG_RUN, '--out', out]);
    const runId = await waitForFirstResult(harness);
    // As a pipe's reader that exits: the harness's next progress line meets EPIPE.
    harness.stderr?.destroy();
    const result = await harness;
    expect(result.exitCode).toBe(141);
    expectStoppedCleanly(out, runId, 'interrupted by a closed stdout or stderr');
  });

  it('does not crash on a stdout closed before the end of a run, nor on one closed under --help', async () => {
    const out = join(scratch, 'stdout-closed');
    const run = startHarness(['--workload', 'cpu-loop', '--kill', 'abort', '--trials', '1', '--out', out]);
    run.stdout?.destroy();
    const result = await run;
    // The run's own code: the output closed after its last trial, and lost only the list of files written.
    expect(result.exitCode).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(existsSync(join(out, 'report.md'))).toBe(true);
    const help = startHarness(['--help']);
    help.stdout?.destroy();
    expect((await help).exitCode).toBe(0);
  });
});

describe('SIGHUP, as a closed terminal sends it', () => {
  it('stops the run as Ctrl-C does, with its own exit code', async () => {
    const out = join(scratch, 'hangup');
    const harness = startHarness([...LONG_RUN, '--out', out]);
    const runId = await waitForFirstResult(harness);
    harness.kill('SIGHUP');
    const result = await harness;
    expect(result.exitCode).toBe(129);
    expectStoppedCleanly(out, runId, 'interrupted by SIGHUP');
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeadlines, firedBeforeReady } from '../../src/run/deadlines.ts';
import type { RunRecord } from '../../src/record/run-record.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { runCli } from '../cli/run-cli.ts';
import { buildStopped } from '../report/build-record.ts';

const KEY = { workload: 'memory-hog', kill: 'timeout', runtime: 'process', trial: 1 } as const;

describe('createDeadlines', () => {
  it('keeps the configured deadline until a start of the same workload and runtime was seen', () => {
    const deadlines = createDeadlines(1_500, 50);
    deadlines.observe({ ...buildStopped(), workload: 'other', runtime: 'process', startMs: 5_000 });
    expect(deadlines.deadlineFor(KEY)).toBe(1_500);
  });

  it('raises it past three times the slowest start seen, under any kill style, plus the kill delay', () => {
    const deadlines = createDeadlines(1_500, 50);
    deadlines.observe({ ...buildStopped(), workload: 'memory-hog', kill: 'abort', runtime: 'process', startMs: 2_200 });
    deadlines.observe({ ...buildStopped(), workload: 'memory-hog', kill: 'sigkill', runtime: 'process', startMs: 900 });
    expect(deadlines.deadlineFor(KEY)).toBe(6_650);
    expect(deadlines.deadlineFor({ ...KEY, runtime: 'thread' })).toBe(1_500);
  });
});

describe('firedBeforeReady', () => {
  it('names only the error whose cause is a deadline that fired before ready()', () => {
    const errored: TrialResult = { ...KEY, outcome: 'errored', error: 'x', cause: 'deadline-before-ready' };
    expect(firedBeforeReady(errored)).toBe(true);
    expect(firedBeforeReady({ ...KEY, outcome: 'errored', error: 'x' })).toBe(false);
  });
});

describe('a timeout trial whose deadline ended the work before it was ready', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-deadlines-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('runs again in the same trial folder, once the attempt has ended, with twice the time', async () => {
    const out = join(scratch, 'out');
    const workload = fileURLToPath(new URL('../fixtures/workloads/slow-to-ready.ts', import.meta.url));
    const args = ['--workload', workload, '--kill', 'timeout', '--runtime', 'thread,process', '--trials', '2', '--deadline', '600', '--linger', '0'];
    const result = await runCli([...args, '--out', out]);
    expect(result.stderr).not.toMatch(/EEXIST|failed/);
    expect(result.exitCode).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunRecord;
    expect(record.results.map((trial) => trial.outcome)).toEqual(['stopped', 'stopped', 'stopped', 'stopped']);
    // The first trial of each runtime ran with 600 ms, then 1200 ms (or 2400 ms on a loaded machine); the later ones with
    // the deadline raised from its start: every one fell after the 700 ms the work took to become ready.
    for (const trial of record.results)
      expect('killPoint' in trial && trial.killPoint.kind === 'deadline' && trial.killPoint.afterStartMs).toBeGreaterThan(700);
  });
});

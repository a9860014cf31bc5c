import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/record/run-record.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { runCli } from '../cli/run-cli.ts';

const tasks = fileURLToPath(new URL('../fixtures/tasks/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-tasks-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Job files as tinypool and piscina projects have them: a default export, a .cjs module.exports, and a TypeScript
// file with the optional ready and cleanup exports. One run stops each with the cooperative and the forced styles.
const PAYLOAD = { width: 8, height: 8, workMs: 30_000, name: 'ih-fixture-task', spinMs: 30_000 };
let record: RunRecord;
let exitCode: number | undefined;

beforeAll(async () => {
  const files = ['resize-image.js', 'common-js-task.cjs', 'with-hooks.ts'].map((file) => join(tasks, file));
  const run = await runCli([
    '--task',
    files.join(','),
    '--task-data',
    JSON.stringify(PAYLOAD),
    '--kill',
    'abort,sigterm-handled,terminate,sigkill',
    '--trials',
    '1',
    '--out',
    scratch,
  ]);
  exitCode = run.exitCode;
  record = JSON.parse(readFileSync(join(scratch, 'results.json'), 'utf8')) as RunRecord;
}, 120_000);

function resultOf(workload: string, kill: string, runtime: string): TrialResult {
  const found = record.results.find((result) => result.workload === workload && result.kill === kill && result.runtime === runtime);
  if (found === undefined) throw new Error(`no result for ${workload} / ${kill} / ${runtime}`);
  return found;
}

describe('--task job files', () => {
  it('is a real tinypool job: tinypool itself runs the fixture unchanged', async () => {
    const pool = new Tinypool({ filename: join(tasks, 'resize-image.js'), maxThreads: 1 });
    try {
      expect(await pool.run({ width: 2, height: 2, workMs: 1 })).toEqual({ width: 2, height: 2 });
    } finally {
      await pool.destroy();
    }
  });

  it('runs each job file, with the payload, in both runtimes, and records the payload in the plan', () => {
    expect(exitCode).toBe(0);
    expect(record.plan.workloads.map((workload) => workload.name)).toEqual(['resize-image', 'common-js-task', 'with-hooks']);
    expect(record.plan.workloads.every((workload) => JSON.stringify(workload.task?.data) === JSON.stringify(PAYLOAD))).toBe(true);
    for (const workload of ['resize-image', 'common-js-task', 'with-hooks']) {
      expect(resultOf(workload, 'terminate', 'thread').outcome).not.toMatch(/errored|not-applicable/);
      expect(resultOf(workload, 'sigkill', 'process').outcome).not.toMatch(/errored|not-applicable/);
    }
  });

  it('counts what a forced stop of a plain task left, and says cleanup is not measured rather than 0', () => {
    for (const [kill, runtime] of [
      ['terminate', 'thread'],
      ['sigkill', 'process'],
    ] as const) {
      const result = resultOf('resize-image', kill, runtime);
      if (!('leftovers' in result)) throw new Error(`unexpected ${result.outcome}`);
      expect(result.leftovers.tempFiles?.paths).toEqual([expect.stringMatching(/resize-8x8-\d+-\d+\.raw$/)]);
      expect(result.cleanupRan).toBeNull();
    }
    expect(readFileSync(join(scratch, 'report.md'), 'utf8')).toMatch(/\| `terminate` \| thread \| leaked 1\/1 \|.*\| not measured \|/);
  });

  it('rules out the styles that only ask to stop for a task that cannot see the request, and says why', () => {
    for (const kill of ['abort', 'sigterm-handled']) {
      const result = resultOf('resize-image', kill, 'process');
      expect(result.outcome).toBe('not-applicable');
      if (result.outcome === 'not-applicable') expect(result.reason).toMatch(/never sees the cooperative stop request/);
    }
  });

  it('waits for the ready export, and runs the cleanup export on a stop request: nothing left, cleanup ran', () => {
    for (const [kill, runtime] of [
      ['abort', 'thread'],
      ['abort', 'process'],
      ['sigterm-handled', 'process'],
    ] as const) {
      const result = resultOf('with-hooks', kill, runtime);
      expect(result.outcome).toBe('stopped');
      if (result.outcome === 'stopped') expect(result.cleanupSteps).toEqual(['cleanup export']);
    }
    const killed = resultOf('with-hooks', 'sigkill', 'process');
    if (!('leftovers' in killed)) throw new Error(`unexpected ${killed.outcome}`);
    expect(killed.cleanupRan).toBe(false);
    expect(killed.leftovers.tempFiles?.paths).toEqual([expect.stringMatching(/ih-fixture-task\.lock$/)]);
  });
});

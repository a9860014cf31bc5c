import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { runCli } from './run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-reproduce-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Workloads whose verdicts do not depend on timing: a clean loop, a leak of temp files, a kill inside a lock. */
const MATRIX = ['--workload', 'cpu-loop,temp-files,lock-holder', '--kill', 'abort,sigkill,terminate', '--trials', '2', '--seed', '11'];

async function run(name: string, extra: string[] = []): Promise<{ results: TrialResult[]; command: string }> {
  const out = join(scratch, name);
  const result = await runCli([...MATRIX, ...extra, '--out', out]);
  expect(result.stderr).not.toMatch(/isolation-harness:/);
  expect(result.exitCode).toBe(0);
  return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
}

/** What must not change between runs of one seed: the cell, the kill point, the outcome, and which probes found something. */
function verdicts(results: TrialResult[]): string[] {
  return results.map((result) => {
    const cell = `${result.workload} / ${result.kill} / ${result.runtime} #${result.trial}`;
    if (!('leftovers' in result)) return `${cell}: ${result.outcome}`;
    const found = Object.entries(result.leftovers)
      .filter(([, leftover]) => leftover !== null && leftover.total > 0)
      .map(([probe]) => probe);
    return `${cell} at ${JSON.stringify(result.killPoint)}: ${result.outcome} [${found.join(', ')}] in section ${result.killedInSection}`;
  });
}

describe('a seeded run', () => {
  it('gives the same cells, kill points and verdicts when run again, and when run in shards and merged', async () => {
    const first = await run('first');
    const second = await run('second');
    expect(verdicts(second.results)).toEqual(verdicts(first.results));
    expect(first.results.some((result) => 'killPoint' in result && result.killPoint.kind === 'delay')).toBe(true);

    await run('shard-1', ['--shard', '1/2']);
    await run('shard-2', ['--shard', '2/2']);
    const merged = await runCli([
      'merge',
      join(scratch, 'shard-1', 'results.json'),
      join(scratch, 'shard-2', 'results.json'),
      '--out',
      join(scratch, 'merged'),
    ]);
    expect(merged.exitCode).toBe(0);
    const record = JSON.parse(readFileSync(join(scratch, 'merged', 'results.json'), 'utf8'));
    expect(verdicts(record.results)).toEqual(verdicts(first.results));
    expect(record.plan.shard).toBeNull();
    expect(record.command).toBe(first.command.replace(join(scratch, 'first'), join(scratch, 'shard-1')));
  });
});

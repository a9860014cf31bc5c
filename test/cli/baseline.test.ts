import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// Two versions of one workload, named alike: v2 forgets to remove its temp file, the regression a check must catch.
const regressions = fileURLToPath(new URL('../fixtures/workloads/regressions/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-cli-'));
const baselinePath = join(scratch, 'baseline.json');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runVersion(version: 'v1' | 'v2', out: string, baselineFlag: string[]) {
  const workload = join(regressions, `cleans-up-${version}.ts`);
  return runCli(['--workload', workload, '--kill', 'abort', '--runtime', 'thread,process', '--trials', '1', '--out', join(scratch, out), ...baselineFlag]);
}

describe('CI regression checks', () => {
  beforeAll(async () => {
    const result = await runVersion('v1', 'baseline-run', ['--update-baseline', baselinePath]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toContain(baselinePath);
  });

  it('--update-baseline writes one entry per cell of the run', () => {
    const baseline = JSON.parse(readFileSync(baselinePath, 'utf8'));
    expect(baseline.baselineVersion).toBe(1);
    expect(baseline.cells.map((cell: { workload: string; kill: string; runtime: string }) => `${cell.workload} / ${cell.kill} / ${cell.runtime}`)).toEqual([
      'regression-target / abort / thread',
      'regression-target / abort / process',
    ]);
    expect(baseline.cells[0]).toMatchObject({ leftovers: { tempFiles: 0 }, cleanupRan: 'always' });
  });

  it('--check exits 1 and names every cell that now leaks, after writing the reports as usual', async () => {
    const result = await runVersion('v2', 'regressed', ['--check', baselinePath]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`baseline check failed against "${baselinePath}"`);
    expect(result.stderr).toMatch(
      /^ {2}regression-target \/ abort \/ thread: new leftover: tempFiles found 1 now \(max per trial\), 0 in the baseline: <trial>\/regression-target-[\w-]+$/m,
    );
    expect(result.stderr).toMatch(/^ {2}regression-target \/ abort \/ process: new leftover: tempFiles found 1 now/m);
    expect(existsSync(join(scratch, 'regressed', 'results.json'))).toBe(true);
  });

  it('--check exits 0 when the same workload runs again', async () => {
    const result = await runVersion('v1', 'clean', ['--check', baselinePath]);
    expect(result.stderr).toMatch(/^baseline check passed: 2 cells compared$/m);
    expect(result.exitCode).toBe(0);
  });
});

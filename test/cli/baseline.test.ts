import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function runVersion(version: 'v1' | 'v2', out: string, baselineFlag: string[], { runtime = 'thread,process', env = {} } = {}) {
  const workload = join(regressions, `cleans-up-${version}.ts`);
  return runCli(['--workload', workload, '--kill', 'abort', '--runtime', runtime, '--trials', '1', '--out', join(scratch, out), ...baselineFlag], { env });
}

/** What GitHub Actions sets for a step: the variables, and an empty summary file. */
function inGitHubActions(name: string): { env: Record<string, string>; summary: string } {
  const summary = join(scratch, `${name}-summary.md`);
  writeFileSync(summary, '');
  return { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: scratch }, summary };
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
    const github = inGitHubActions('regressed');
    const result = await runVersion('v2', 'regressed', ['--check', baselinePath], { env: github.env });
    expect(result.exitCode).toBe(1);
    // On GitHub Actions: an annotation per regression at the cell's line of the baseline, and the job summary's table.
    expect(result.stdout).toMatch(
      /^::error file=baseline\.json,line=\d+,title=Regression%3A regression-target \/ abort \/ thread::new leftover: tempFiles found 1 now/m,
    );
    const summary = readFileSync(github.summary, 'utf8');
    expect(summary).toMatch(/^### isolation-harness: baseline check failed\n\n2 cells compared against `.*baseline\.json`: 2 regressions, 0 improvements\.\n/);
    expect(summary).toContain('| `regression-target / abort / process` | new leftover: tempFiles found 1 now (max per trial), 0 in the baseline');
    expect(result.stderr).toContain(`baseline check failed against "${baselinePath}"`);
    expect(result.stderr).toMatch(
      /^ {2}regression-target \/ abort \/ thread: new leftover: tempFiles found 1 now \(max per trial\), 0 in the baseline: <trial>\/regression-target-[\w-]+$/m,
    );
    expect(result.stderr).toMatch(/^ {2}regression-target \/ abort \/ process: new leftover: tempFiles found 1 now/m);
    expect(existsSync(join(scratch, 'regressed', 'results.json'))).toBe(true);
  });

  it('--check exits 0 when the same workload runs again, and writes nothing for GitHub outside it', async () => {
    const result = await runVersion('v1', 'clean', ['--check', baselinePath]);
    expect(result.stderr).toMatch(/^baseline check passed against ".*baseline\.json": 2 cells compared$/m);
    expect(result.stdout).not.toMatch(/^::/m);
    expect(result.exitCode).toBe(0);
  });

  it('--check of a narrowed run passes on what it ran and names each baseline cell it left out, as a warning on GitHub', async () => {
    const github = inGitHubActions('narrowed');
    const result = await runVersion('v1', 'narrowed', ['--check', baselinePath], { runtime: 'thread', env: github.env });
    expect(result.stderr).toMatch(/^baseline check passed against ".*baseline\.json": 1 cell compared; 1 baseline cell not run, named below$/m);
    expect(result.stderr).toMatch(/^ {2}baseline cell not run, not checked: regression-target \/ abort \/ process$/m);
    expect(result.stdout).toMatch(/^::warning file=baseline\.json,line=\d+,title=Not checked%3A regression-target \/ abort \/ process::/m);
    expect(readFileSync(github.summary, 'utf8')).toContain('<details><summary>1 baseline cell not run, so not checked');
    expect(result.exitCode).toBe(0);
  });
});

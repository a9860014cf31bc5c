import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-fail-on-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A run that could not measure must not pass CI: by default it exits 3 after writing its reports, and says why.
// A workload that throws before ready() errors in every trial, as a broken workload does.
const THROWS = fileURLToPath(new URL('../fixtures/workloads/outcomes/throws-before-ready.ts', import.meta.url));
const ALL_ERRORED = ['--workload', THROWS, '--runtime', 'thread', '--kill', 'abort', '--trials', '2'];
const NOTHING_APPLICABLE = ['--workload', 'cpu-loop', '--runtime', 'thread', '--kill', 'sigkill', '--trials', '1'];

describe('--fail-on', () => {
  it('by default exits 3 when trials errored, naming how many, the cell and the first error', async () => {
    const result = await runCli([...ALL_ERRORED, '--out', join(scratch, 'errored')]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(
      /2 of 2 trials errored \(throws-before-ready \/ abort \/ thread\) \(first error: Error: the workload cannot start here\); failing the run \(--fail-on errored,empty\)/,
    );
    expect(result.stdout).toContain('report.md');
  });

  it('by default exits 3 when nothing applicable ran', async () => {
    const result = await runCli([...NOTHING_APPLICABLE, '--out', join(scratch, 'empty')]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/no applicable trial ran: every cell of the plan is not applicable/);
  });

  it('lets the user decide: none passes both, and leaked fails a run whose trials leaked', async () => {
    expect((await runCli([...ALL_ERRORED, '--fail-on', 'none', '--out', join(scratch, 'none')])).exitCode).toBe(0);
    const leaked = await runCli([
      '--workload',
      'temp-files',
      '--runtime',
      'thread',
      '--kill',
      'terminate',
      '--trials',
      '1',
      '--fail-on',
      'leaked',
      '--out',
      join(scratch, 'leaked'),
    ]);
    expect(leaked.exitCode).toBe(3);
    expect(leaked.stderr).toMatch(/1 of 1 trials leaked \(temp-files \/ terminate \/ thread\)/);
  });

  it('refuses an unknown condition before anything runs', async () => {
    const result = await runCli([...NOTHING_APPLICABLE, '--fail-on', 'errored,slow', '--out', join(scratch, 'bad')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--fail-on value "slow" is not allowed; allowed: errored, hung, leaked, empty, or none alone$/m);
  });
});

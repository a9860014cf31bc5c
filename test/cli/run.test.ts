import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-cli-'));
const fixtures = fileURLToPath(new URL('../fixtures/workloads/', import.meta.url));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a run', () => {
  it('writes the Markdown report and the JSON results for every requested cell', async () => {
    const out = join(scratch, 'small');
    const result = await runCli([
      '--runtime',
      'thread,process',
      '--kill',
      'abort,sigkill',
      '--workload',
      `cpu-loop,${join(fixtures, 'leaks-temp-file.ts')}`,
      '--trials',
      '1',
      '--out',
      out,
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toEqual([join(out, 'report.md'), join(out, 'results.json'), join(out, 'report.svg')]);
    const record = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const cells = record.results.map((trial: { workload: string; kill: string; runtime: string; outcome: string }) =>
      [trial.workload, trial.kill, trial.runtime, trial.outcome].join(' '),
    );
    expect(cells).toEqual([
      'cpu-loop abort thread stopped',
      'cpu-loop abort process stopped',
      'cpu-loop sigkill thread not-applicable',
      'cpu-loop sigkill process stopped',
      'leaks-temp-file abort thread leaked',
      'leaks-temp-file abort process leaked',
      'leaks-temp-file sigkill thread not-applicable',
      'leaks-temp-file sigkill process leaked',
    ]);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('### leaks-temp-file');
  });
});

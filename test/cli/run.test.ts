import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { findMarkedProcesses } from '../../src/marker/find-marked-processes.ts';
import { TEMP_PREFIX } from '../../src/trial/trial-directory.ts';
import { runCli } from './run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-cli-'));
const fixtures = fileURLToPath(new URL('../fixtures/workloads/', import.meta.url));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a run', () => {
  it('writes the Markdown report and the JSON results for every requested cell', async () => {
    const out = join(scratch, 'small');
    const result = await runCli(['--runtime', 'thread,process', '--kill', 'abort,sigkill', '--workload', `cpu-loop,${join(fixtures, 'leaks-temp-file.ts')}`, '--trials', '1', '--out', out]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toEqual([join(out, 'report.md'), join(out, 'results.json')]);
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

  it('on Ctrl-C reaps its processes, removes its folders, writes nothing and exits 130', async () => {
    const out = join(scratch, 'interrupted');
    const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
    const harness = execaNode(bin, ['--workload', 'grandchild', '--trials', '20', '--out', out], { reject: false, nodeOptions: [] });
    const runId = await new Promise<string>((resolve) => {
      harness.stderr?.once('data', (chunk) => resolve(/^run (\S+):/.exec(String(chunk))?.[1] ?? 'no run id printed'));
    });
    // Interrupt mid-trial: once a grandchild of this run is alive, its host and workload are too.
    await vi.waitFor(() => expect(findMarkedProcesses(runId).map((found) => found.command)).toContain('sleep'), { timeout: 20_000, interval: 20 });
    harness.kill('SIGINT');
    const result = await harness;
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toMatch(/interrupted; processes reaped, temp folders removed, no report written/);
    expect(existsSync(join(out, 'report.md')) || existsSync(join(out, 'results.json'))).toBe(false);
    expect(readdirSync(tmpdir()).filter((entry) => entry.startsWith(`${TEMP_PREFIX}${runId}`))).toEqual([]);
    expect(findMarkedProcesses(runId).filter((found) => found.state !== 'Z')).toEqual([]);
  });
});

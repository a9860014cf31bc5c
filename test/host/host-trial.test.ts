import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/record/run-record.ts';
import type { StoppedTrial } from '../../src/record/trial-result.ts';
import { runCli } from '../cli/run-cli.ts';

// Work that ends by itself 20 ms after ready(): whenever the kill comes after that, the trial must say the work ended
// by itself, never that the kill stopped it. Kill delays drawn from 0 to 60 ms land on both sides of the end, and in
// the moment between the end and the runtime's report of it, where a SIGKILL once 'stopped' a child that had exited 0.
const workload = fileURLToPath(new URL('../fixtures/workloads/outcomes/ends-soon-after-ready.ts', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-host-trial-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SELF_END = /^the work ended by itself before the kill: exit code 0$/;

describe('work that ends by itself around its kill', () => {
  it('is never recorded stopped by a kill that came after its end, in either runtime', async () => {
    const out = join(scratch, 'ends-soon');
    const args = ['--workload', workload, '--kill', 'sigkill,tree-kill,terminate,abort-then-force', '--trials', '8', '--kill-delay', '60', '--seed', '11'];
    const run = await runCli([...args, '--fail-on', 'none', '--out', out]);
    expect(run.exitCode).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunRecord;
    const measured = record.results.filter((result) => result.outcome !== 'not-applicable');
    expect(measured.length).toBe(40);
    for (const result of measured) {
      if (result.outcome === 'errored') {
        expect(result.error).toMatch(SELF_END);
        continue;
      }
      // A stop the kill made says so in how the work ended: the signal, tinypool's abort, or the escalation's step.
      const { exit, endedBy } = result as StoppedTrial;
      if (result.runtime === 'process' && result.kill !== 'abort-then-force') expect(exit).toMatchObject({ code: null, signal: 'SIGKILL' });
      if (result.runtime === 'thread' && result.kill === 'terminate') expect(exit.error).toMatch(/^AbortError/);
      if (result.kill === 'abort-then-force') expect(endedBy).toMatch(/^(abort|force)$/);
    }
    // The plan's delays past the 20 ms the work lives make its self-end certain in most trials.
    expect(measured.filter((result) => result.outcome === 'errored').length).toBeGreaterThan(measured.length / 2);
  });
});

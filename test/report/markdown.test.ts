import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { RunRecord } from '../../src/run/run-record.ts';
import {
  buildErrored,
  buildFds,
  buildHung,
  buildLeftovers,
  buildNotApplicable,
  buildProcesses,
  buildRecord,
  buildStopped,
  buildTempFiles,
} from './build-record.ts';

const COLUMNS = ['kill', 'runtime', 'outcome', 'fds', 'tempFiles', 'processes', 'cleanup', 'stopMs'] as const;

/** The cells of the table row for one kill style and runtime, by column name, unescaped. */
function readRow(markdown: string, kill: string, runtime: string): Record<(typeof COLUMNS)[number], string> {
  const line = markdown.split('\n').find((candidate) => candidate.startsWith(`| \`${kill}\` | ${runtime} |`));
  if (line === undefined) throw new Error(`no row for ${kill} / ${runtime}`);
  const cells = line
    .slice(2, -2)
    .split(/ (?<!\\)\| /)
    .map((cell) => cell.replace(/\\\|/g, '|'));
  return Object.fromEntries(COLUMNS.map((column, index) => [column, cells[index]])) as Record<(typeof COLUMNS)[number], string>;
}

function render(results: RunRecord['results'], overrides: Partial<RunRecord> = {}): string {
  return renderMarkdown(buildRecord(results, overrides));
}

describe('renderMarkdown', () => {
  it('renders a probe that measured nothing as "not measured", never 0', () => {
    const markdown = render([buildStopped({ leftovers: buildLeftovers({ fds: null, processes: null }) })]);
    const row = readRow(markdown, 'terminate', 'thread');
    expect(row.fds).toBe('not measured');
    expect(row.processes).toBe('not measured');
    expect(row.tempFiles).toBe('0/1');
  });

  it('shows fds by kind, temp files, survivors and zombies from the trial that left the most', () => {
    const leaked = buildLeftovers({ fds: buildFds({ file: 2, socket: 1 }), tempFiles: buildTempFiles(['a', 'b/']), processes: buildProcesses(1, 2) });
    const markdown = render([buildStopped({ outcome: 'leaked', leftovers: leaked }), buildStopped({ cleanupRan: false })]);
    const row = readRow(markdown, 'terminate', 'thread');
    expect(row.outcome).toBe('stopped 1/2, leaked 1/2');
    expect(row.fds).toBe('1/2, max 3 (2 file, 1 socket)');
    expect(row.tempFiles).toBe('1/2, max 2');
    expect(row.processes).toBe('1/2, max 1; zombies: max 2');
    expect(row.cleanup).toBe('1/2');
  });

  it('prints the median of stopMs with the max when there is more than one trial', () => {
    const several = render([buildStopped({ stopMs: 12.34 }), buildStopped({ stopMs: 3 }), buildStopped({ stopMs: 50.06 })]);
    expect(readRow(several, 'terminate', 'thread').stopMs).toBe('12.3 (max 50.1)');
    const single = render([buildStopped({ stopMs: 7.25 })]);
    expect(readRow(single, 'terminate', 'thread').stopMs).toBe('7.3');
  });

  it('shows a not-applicable cell with its reason in a note', () => {
    const markdown = render([buildStopped(), buildNotApplicable({ reason: 'a child process has no terminate()' })]);
    const row = readRow(markdown, 'terminate', 'process');
    expect(row.outcome).toBe('not applicable (note 1)');
    expect([row.fds, row.tempFiles, row.processes, row.cleanup, row.stopMs]).toEqual(['—', '—', '—', '—', '—']);
    expect(markdown).toContain('1. **Not applicable:** a child process has no terminate()');
  });

  it('shows hung trials with their phase and errored trials with their error text', () => {
    const markdown = render([
      buildHung({ phase: 'stop' }),
      buildStopped({ stopMs: 8 }),
      buildErrored({ trial: 3, error: 'Error: boom | bang\n    at run (workload.ts:1:1)' }),
    ]);
    const row = readRow(markdown, 'terminate', 'thread');
    expect(row.outcome).toBe('stopped 1/3, **hung** 1/3 (in stop), **errored** 1/3 (note 1)');
    expect(row.stopMs).toBe('8.0');
    expect(row.cleanup).toBe('1/2');
    expect(markdown).toContain('1. **Errored:** `terminate` in thread, trial 3:\n\n   ```\n   Error: boom | bang\n       at run (workload.ts:1:1)\n   ```');
  });

  it('leaves the columns of a wholly errored cell empty rather than "not measured"', () => {
    const row = readRow(render([buildErrored()]), 'terminate', 'thread');
    expect(row.outcome).toBe('**errored** 1/1 (note 1)');
    expect([row.fds, row.tempFiles, row.processes, row.cleanup, row.stopMs]).toEqual(['—', '—', '—', '—', '—']);
  });

  it('escapes | in cell text', () => {
    const markdown = render([buildStopped({ workload: 'a|b' })], {
      plan: { ...buildRecord([]).plan, workloads: [{ name: 'a|b', description: 'pipes', source: 'built-in' }] },
      environment: { ...buildRecord([]).environment, cpu: 'CPU | with pipe' },
    });
    expect(markdown).toContain('| CPU | CPU \\| with pipe |');
  });

  it('describes the run and its environment from the record', () => {
    const markdown = render([buildStopped(), buildNotApplicable()]);
    expect(markdown).toContain('2 runtimes (thread, process) × 1 kill style (terminate) × 1 workload (leaks-fd), with 3 trials per cell');
    expect(markdown).toContain('2 trial results recorded from 2025-01-02T03:04:05.000Z to 2025-01-02T03:05:06.000Z');
    expect(markdown).toContain('```sh\nnpm run harness -- --runtime thread,process --kill terminate --workload leaks-fd --trials 3\n```');
    for (const row of ['| Node.js | v20.99.1 |', '| OS | Test Linux 42 |', '| Kernel | 6.1.0-test |', '| Cores | 7 |', '| Memory | 8.0 GiB |']) {
      expect(markdown).toContain(row);
    }
    expect(markdown).toContain('| `tree-kill` | 1.2.2 |');
    expect(markdown).toContain('| isolation-harness | 9.8.7 |');
    expect(markdown).toContain('stop timeout (5000 ms)');
  });

  it('explains in the legend what stopMs measures and what not measured means', () => {
    const markdown = render([buildStopped()]);
    expect(markdown).toContain('/proc/<pid>/task');
    expect(markdown).toContain('**not measured**: the probe could not read');
  });
});

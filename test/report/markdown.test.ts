import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { RunRecord } from '../../src/record/run-record.ts';
import { buildFds, buildLeftovers, buildLocks, buildMemory, buildProcesses, buildTempFiles, MEBIBYTE } from './build-leftovers.ts';
import { buildErrored, buildHung, buildIntegrity, buildNotApplicable, buildRecord, buildStopped } from './build-record.ts';

const COLUMNS = ['kill', 'runtime', 'outcome', 'killPoint', 'fds', 'tempFiles', 'processes', 'memory', 'other', 'cleanup', 'stopMs'] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

/** The workload table row for one kill style and runtime, by column name, unescaped; undefined when the table has no such row. */
function findRow(markdown: string, kill: string, runtime: string): Row | undefined {
  const results = markdown.slice(markdown.indexOf('## Results'));
  const line = results.split('\n').find((candidate) => candidate.startsWith(`| \`${kill}\` | ${runtime} |`));
  if (line === undefined) return undefined;
  const cells = line
    .slice(2, -2)
    .split(/ (?<!\\)\| /)
    .map((cell) => cell.replace(/\\\|/g, '|').trim());
  return Object.fromEntries(COLUMNS.map((column, index) => [column, cells[index]])) as Row;
}

function readRow(markdown: string, kill: string, runtime: string): Row {
  const row = findRow(markdown, kill, runtime);
  if (row === undefined) throw new Error(`no row for ${kill} / ${runtime}`);
  return row;
}

function render(results: RunRecord['results'], overrides: Partial<RunRecord> = {}): string {
  return renderMarkdown(buildRecord(results, overrides));
}

function withPlan(plan: Partial<RunRecord['plan']>): Partial<RunRecord> {
  return { plan: { ...buildRecord([]).plan, ...plan } };
}

describe('renderMarkdown', () => {
  it('renders a probe that measured nothing as "not measured", never 0', () => {
    const unmeasured = buildLeftovers({ fds: null, processes: null, memory: null, sockets: null, locks: null });
    const row = readRow(render([buildStopped({ leftovers: unmeasured })]), 'terminate', 'thread');
    expect(row.fds).toBe('not measured');
    expect(row.processes).toBe('not measured');
    expect(row.memory).toBe('not measured');
    expect(row.other).toBe('sockets not measured; locks not measured');
    expect(row.tempFiles).toBe('0/1');
  });

  it('fills every column of a probed row from the trials', () => {
    const leaked = buildLeftovers({
      fds: buildFds({ file: 2, socket: 1 }),
      tempFiles: buildTempFiles(['a', 'b/']),
      processes: buildProcesses(1, 2),
      memory: buildMemory(80 * MEBIBYTE),
      locks: buildLocks(0, [1_800]),
    });
    const markdown = render([buildStopped({ outcome: 'leaked', leftovers: leaked, sharedMutex: 'held' }), buildStopped({ cleanupRan: false })]);
    expect(readRow(markdown, 'terminate', 'thread')).toEqual({
      kill: '`terminate`',
      runtime: 'thread',
      outcome: 'stopped 1/2, leaked 1/2; leak rate 1/2 (50%, 95% CI 9–91%)',
      killPoint: 'delay 10 ms',
      fds: '1/2 (50%, 95% CI 9–91%), max 3 (2 file, 1 socket)',
      tempFiles: '1/2 (50%, 95% CI 9–91%), max 2',
      processes: '1/2 (50%, 95% CI 9–91%), max 1; orphaned: max 1; zombies: max 2',
      memory: 'max **+80.0 MiB** (1/2 over 64.0 MiB, 50%, 95% CI 9–91%)',
      other: 'lock dir `resource-0.lock` stale in 8.2 s (1/2, 50%, 95% CI 9–91%); mutex held (1/2, 50%, 95% CI 9–91%)',
      cleanup: '1/2',
      stopMs: '5.0 (p95 5.0, max 5.0)',
    });
  });

  it('shows what verify() said about broken data in a note', () => {
    const markdown = render([buildStopped({ outcome: 'leaked', integrity: buildIntegrity(50, 0, 1, { detail: 'record 12 is torn: crc mismatch' }) })]);
    expect(readRow(markdown, 'terminate', 'thread').other).toBe('data: 1 torn of 50 acknowledged (note 1)');
    expect(markdown).toContain('1. **Data:** `terminate` in thread: record 12 is torn: crc mismatch');
  });

  it('prints a not-applicable cell as n/a only, and gives the reason once, in the applicability table', () => {
    const markdown = render([buildStopped(), buildNotApplicable({ reason: 'a child process has no terminate()' })]);
    const { kill, runtime, outcome, ...rest } = readRow(markdown, 'terminate', 'process');
    expect([kill, runtime, outcome]).toEqual(['`terminate`', 'process', 'n/a']);
    expect(Object.values(rest)).toEqual(['', '', '', '', '', '', '', '']);
    expect(markdown).not.toContain('Notes:');
  });

  it('opens the results with where each planned kill style applies, and why not', () => {
    const markdown = render([buildStopped()], withPlan({ kills: ['abort', 'terminate', 'sigkill'] }));
    const section = markdown.slice(markdown.indexOf('### Where each kill style applies'), markdown.indexOf('### leaks-fd'));
    expect(section).toContain('| Kill style | thread | process |');
    expect(section).toContain('| `abort` | applies | applies |');
    expect(section).toContain('| `terminate` | applies | n/a: a child process has no terminate(); its forced stop is sigkill |');
    expect(section).toContain('| `sigkill` | n/a: a signal is delivered to the whole host process; Node.js has no way to signal one worker thread | applies |');
  });

  it('leaves out the rows of a kill style that applies to none of the runtimes run', () => {
    const results = [buildStopped({ kill: 'abort' }), buildNotApplicable({ kill: 'sigkill', runtime: 'thread', reason: 'signals reach processes' })];
    const markdown = render(results, withPlan({ runtimes: ['thread'], kills: ['abort', 'sigkill'] }));
    expect(findRow(markdown, 'abort', 'thread')).toBeDefined();
    expect(findRow(markdown, 'sigkill', 'thread')).toBeUndefined();
    expect(markdown).toContain('| `sigkill` | n/a: a signal is delivered to the whole host process');
    const onlyNotApplicable = render([results[1]!], withPlan({ runtimes: ['thread'], kills: ['sigkill'] }));
    expect(onlyNotApplicable).toContain('No kill style of this run applies to its runtimes.');
  });

  it('shows hung trials with their phase and errored trials with their error text', () => {
    const markdown = render([
      buildHung({ phase: 'stop', sharedMutex: 'held' }),
      buildStopped({ stopMs: 8, reportedMs: 8 }),
      buildErrored({ trial: 3, error: 'Error: boom | bang\n    at run (workload.ts:1:1)' }),
    ]);
    const row = readRow(markdown, 'terminate', 'thread');
    expect(row.outcome).toBe('stopped 1/3, **hung** 1/3 (in stop), **errored** 1/3 (note 1)');
    expect(row.stopMs).toBe('8.0');
    expect(row.cleanup).toBe('1/1');
    // The hung worker still held the mutex: that says the stop failed, and the outcome says so; it is no leftover.
    expect(row.other).toBe('none');
    expect(markdown).toContain('1. **Errored:** `terminate` in thread, trial 3:\n\n   ```\n   Error: boom | bang\n       at run (workload.ts:1:1)\n   ```');
  });

  it('says no trial ended, instead of what a hung worker still held, when every trial of a cell hung', () => {
    const row = readRow(render([buildHung({ trial: 1 }), buildHung({ trial: 2 })]), 'terminate', 'thread');
    expect(row.outcome).toBe('**hung** 2/2 (in stop)');
    expect([row.fds, row.tempFiles, row.cleanup, row.stopMs]).toEqual(Array(4).fill('no trial ended'));
  });

  it('leaves the columns of a wholly errored cell empty rather than "not measured"', () => {
    const { kill, runtime, outcome, ...rest } = readRow(render([buildErrored()]), 'terminate', 'thread');
    expect([kill, runtime, outcome]).toEqual(['`terminate`', 'thread', '**errored** 1/1 (note 1)']);
    expect(Object.values(rest)).toEqual(['—', '—', '—', '—', '—', '—', '—', '—']);
  });

  it('escapes | in cell text', () => {
    const markdown = render([buildStopped({ workload: 'a|b' })], {
      plan: { ...buildRecord([]).plan, workloads: [{ name: 'a|b', description: 'pipes', source: 'built-in', criticalSections: [] }] },
      environment: { ...buildRecord([]).environment, cpu: 'CPU | with pipe' },
    });
    expect(markdown).toContain('| CPU | CPU \\| with pipe |');
  });

  it('describes the run, its timings and its environment from the record', () => {
    const markdown = render([buildStopped(), buildNotApplicable()]);
    expect(markdown).toContain('2 runtimes (thread, process) × 1 kill style (terminate) × 1 workload (leaks-fd), with 3 trials per cell');
    expect(markdown).toContain('2 trial results recorded from 2025-01-02T03:04:05.000Z to 2025-01-02T03:05:06.000Z');
    expect(markdown).toContain('```sh\nnpm run harness -- --runtime thread,process --kill terminate --workload leaks-fd --trials 3\n```');
    expect(markdown).toContain('10000 ms to become ready (`--start-timeout`), each stop 5000 ms to end the work (`--stop-timeout`)');
    expect(markdown).toContain('`abort-then-force` forces the stop after a grace of 1000 ms (`--grace`)');
    expect(markdown).toContain('`timeout` gives the runtime a deadline of 1500 ms from the start of the work (`--deadline`)');
    for (const row of ['| Node.js | v20.99.1 |', '| OS | Test Linux 42 |', '| Kernel | 6.1.0-test |', '| Cores | 7 |', '| Memory | 8.0 GiB |']) {
      expect(markdown).toContain(row);
    }
    expect(markdown).toContain('| `tree-kill` | 1.2.2 |');
    expect(markdown).toContain('| isolation-harness | 9.8.7 |');
    expect(markdown).toContain('stop timeout (5000 ms of the time the machine gave it');
  });

  it('explains every column in the legend, and what not measured means', () => {
    const markdown = render([buildStopped()]);
    const legend = markdown.slice(markdown.indexOf('## How to read the tables'));
    for (const column of ['**Outcome**', '**Fds left**', '**Memory growth**', '**Other leftovers**', '**Cleanup ran**', '**Stop ms**']) {
      expect(legend).toContain(column);
    }
    for (const term of [
      '`n/a`',
      '`ended by abort 2, force 1`',
      '`orphaned`',
      'beyond 64.0 MiB',
      '`port P still bound`',
      '`mutex held`',
      '`data intact`',
      '`never settled`',
    ]) {
      expect(legend).toContain(term);
    }
    expect(legend).toContain('/proc/<pid>/task');
    expect(legend).toContain('**not measured**: the probe could not read');
    expect(legend).toContain('- `terminate`: forced: worker.terminate()');
  });
});

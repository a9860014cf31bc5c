import { describe, expect, it } from 'vitest';
import { LEFTOVER_KINDS, shortenPath } from '../../src/analysis/leftover-kinds.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { RunRecord } from '../../src/record/run-record.ts';
import { renderThreadOrProcess } from '../../src/report/markdown-thread-or-process.ts';
import { buildFds, buildLeftovers, buildProcesses } from './build-leftovers.ts';
import { buildStopped, viewOf } from './build-record.ts';

const render = (record: RunRecord) => renderThreadOrProcess(record.plan, viewOf(record));
import { buildStopRecord } from './build-stop-record.ts';

/** The section's table row of one workload, its cells by column header, unescaped. */
function readRow(section: string, workload: string): Record<string, string> {
  const lines = section.split('\n');
  const split = (line: string) =>
    line
      .slice(2, -2)
      .split(/ (?<!\\)\| /)
      .map((cell) => cell.replace(/\\\|/g, '|').trim());
  const header = lines.find((line) => line.startsWith('| Workload |'));
  const row = lines.find((line) => line.startsWith(`| ${workload} |`));
  if (header === undefined || row === undefined) throw new Error(`no row for ${workload} in:\n${section}`);
  const cells = split(row);
  return Object.fromEntries(split(header).map((name, index) => [name, cells[index] ?? '']));
}

describe('renderThreadOrProcess', () => {
  const section = render(buildStopRecord());

  it('comes right after the recommendations, and embeds the grid', () => {
    const markdown = renderMarkdown(buildStopRecord());
    expect(markdown.startsWith('# Isolation harness report\n\n## What to use\n\n')).toBe(true);
    expect(markdown.indexOf('## What to use')).toBeLessThan(markdown.indexOf('## Thread or process: what each stop left\n\n!['));
    expect(markdown.indexOf('## Thread or process')).toBeLessThan(markdown.indexOf('This run stopped work'));
    expect(section).toMatch(/^!\[[^\]]+\]\(report\.svg\)$/m);
  });

  it('sets the forced stop of each runtime beside the other, then abort, and names what a leaked cell left', () => {
    expect(readRow(section, 'holds-file')).toEqual({
      Workload: 'holds-file',
      'Thread, forced: `terminate`': 'leaked 2/2: 1 process (`sleep 60`), 1 temp file (`<trial>/held.txt`)',
      'Process, forced: `sigkill`': 'stopped 2/2',
      'Thread, cooperative: `abort`': 'stopped 2/2',
      'Process, cooperative: `abort`': 'stopped 2/2',
    });
  });

  it('says hung apart from what a stop left, and keeps k/n beside every outcome of a mixed cell', () => {
    expect(readRow(section, 'blocks')).toEqual({
      Workload: 'blocks',
      // The hung trials held a file and a process: a failed stop, not a leftover, so neither is named.
      'Thread, forced: `terminate`': '**hung** 2/2',
      'Process, forced: `sigkill`': 'stopped 1/2; leaked 1/2: 1 process (`sleep 60`)',
      'Thread, cooperative: `abort`': 'stopped 1/2; **hung** 1/2',
      'Process, cooperative: `abort`': 'stopped 1/2; **errored** 1/2',
    });
    expect(section).toContain(
      "**Forced stop** (`terminate` against `sigkill`), by each cell's worst outcome (stopped, then leaked, then hung): " +
        'worse in a thread for holds-file (leaked where the process stopped), blocks (hung where the process leaked); worse in a process for none; the same for none.',
    );
  });

  it('stands in with what the run has when it lacks terminate, and never heads a column with a style that cannot run there', () => {
    const section = render(buildStopRecord(['sigkill', 'abort']));
    const row = readRow(section, 'holds-file');
    expect(Object.keys(row)).toEqual(['Workload', 'Process, forced: `sigkill`', 'Thread, cooperative: `abort`', 'Process, cooperative: `abort`']);
    expect(row['Process, forced: `sigkill`']).toBe('stopped 2/2');
    expect(section).toContain('No forced column for the thread runtime: none of `sigkill` applies to it.');
  });

  it('gives tree-kill a column beside the forced stops where it ran, and the sequences a table that says which step ended the work', () => {
    const kills = ['terminate', 'sigkill', 'tree-kill', 'abort', 'abort-then-force', 'abort>500ms>tree-kill'] as const;
    const record = buildStopRecord([...kills]);
    const at = (kill: (typeof kills)[number], runtime: 'thread' | 'process', trial: number, endedBy: string | null) =>
      buildStopped({ workload: 'holds-file', kill, runtime, trial, endedBy });
    const more = [
      at('tree-kill', 'process', 1, 'tree-kill'),
      at('tree-kill', 'process', 2, 'tree-kill'),
      at('abort-then-force', 'thread', 1, 'abort'),
      at('abort-then-force', 'thread', 2, 'force'),
      at('abort-then-force', 'process', 1, 'abort'),
      at('abort-then-force', 'process', 2, 'abort'),
      at('abort>500ms>tree-kill', 'process', 1, 'tree-kill'),
      at('abort>500ms>tree-kill', 'process', 2, 'abort'),
    ];
    const section = render({ ...record, results: [...record.results, ...more] });
    expect(readRow(section, 'holds-file')).toMatchObject({ 'Process, forced with its descendants: `tree-kill`': 'stopped 2/2' });
    expect(Object.keys(readRow(section, 'holds-file'))).not.toContain('Thread, forced with its descendants: `tree-kill`');
    const sequences = section.slice(section.indexOf('**Stop sequences**'));
    expect(sequences).toContain(`here **hung** means the work had not ended ${record.plan.stopTimeoutMs / 1000} s after the last step`);
    expect(readRow(sequences, 'holds-file')).toEqual({
      Workload: 'holds-file',
      'Thread, sequence: `abort-then-force`': 'stopped 2/2; ended by abort 1, force 1',
      'Process, sequence: `abort-then-force`': 'stopped 2/2; ended by abort 2',
      // tree-kill cannot apply to a worker: the composed sequence has no thread column.
      'Process, sequence: `abort>500ms>tree-kill`': 'stopped 2/2; ended by tree-kill 1, abort 1',
    });
  });

  it('names a leftover kind with its own k/n when fewer trials left it than leaked', () => {
    const record = buildStopRecord(['abort']);
    const leak = (trial: number, leftovers: Parameters<typeof buildLeftovers>[0]) =>
      buildStopped({ workload: 'holds-file', kill: 'abort', trial, outcome: 'leaked', leftovers: buildLeftovers(leftovers) });
    const leaks = [leak(3, { processes: buildProcesses(1), fds: buildFds({ file: 1 }) }), leak(4, { processes: buildProcesses(1) })];
    const withLeaks = { ...record, plan: { ...record.plan, trials: 4 }, results: [...record.results, ...leaks] };
    expect(readRow(render(withLeaks), 'holds-file')['Thread, cooperative: `abort`']).toBe('stopped 2/4; leaked 2/4: 1 process (`sleep 60`), 1 open fd in 1/4');
  });
});

describe('leftover names', () => {
  it('shortens the trial directory to <trial>/ and leaves other paths whole', () => {
    expect(shortenPath('/tmp/isolation-harness-mx5g4s6-r67VPn/mx5g4s6-423/work/never-written.fifo')).toBe('<trial>/never-written.fifo');
    expect(shortenPath('/dev/shm/escaped.txt')).toBe('/dev/shm/escaped.txt');
  });

  it('names the files a trial left open, not its pipes and sockets', () => {
    const fds = { ...buildFds({ pipe: 1 }), total: 2 };
    const descriptors = ['host 20 -> pipe:[1326962]', 'child 19 -> /tmp/isolation-harness-run-ab12/run-7/work/never-written.fifo'];
    const trial = buildStopped({ outcome: 'leaked', leftovers: buildLeftovers({ fds: { ...fds, descriptors } }) });
    expect(LEFTOVER_KINDS.fds.find(trial)).toEqual({ count: 2, names: ['<trial>/never-written.fifo'] });
  });
});

import { describe, expect, it } from 'vitest';
import { buildBaseline } from '../../src/baseline/baseline.ts';
import { type Comparison, compareWithBaseline } from '../../src/baseline/compare-baseline.ts';
import { ANNOTATIONS_PER_KIND, findCellLines, renderAnnotations } from '../../src/baseline/github-annotations.ts';
import { renderJobSummary } from '../../src/baseline/github-summary.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { buildLeftovers, buildTempFiles } from '../report/build-leftovers.ts';
import { buildHung, buildRecord, buildStopped } from '../report/build-record.ts';

// What a check shows on GitHub, rendered from hand-built comparisons: workflow commands and the job summary's Markdown.

const CELL = 'leaks-fd / terminate / thread';

function compare(before: TrialResult[], now: TrialResult[]): Comparison {
  return compareWithBaseline(buildBaseline(buildRecord(before)), buildRecord(now));
}

const leaking = buildStopped({ outcome: 'leaked', leftovers: buildLeftovers({ tempFiles: buildTempFiles(['a|b', 'c']) }) });
const regressed = compare([buildStopped(), buildStopped({ kill: 'abort' })], [leaking, buildStopped({ runtime: 'process' })]);

describe('annotations', () => {
  it('are workflow commands: regressions as errors at the cell in the baseline, cells not run as warnings, new cells as notices', () => {
    const text = renderAnnotations(regressed, 'ci/baseline.json', new Map([[CELL, 12]]));
    expect(text.split('\n')).toEqual([
      `::error file=ci/baseline.json,line=12,title=Regression%3A ${CELL}::new leftover: tempFiles found 2 now (max per trial), 0 in the baseline: <trial>/a|b, <trial>/c`,
      '::warning file=ci/baseline.json,title=Not checked%3A leaks-fd / abort / thread::a baseline cell this run did not run (--check-scope baseline makes that a failure)',
      '::notice file=ci/baseline.json,title=New cell%3A leaks-fd / terminate / process::not in the baseline, so not checked: --update-baseline adds it',
      '',
    ]);
  });

  it('escape what would end a property or a command, and stop at what GitHub shows, saying how many more', () => {
    const many: Comparison = { ...regressed, regressions: Array.from({ length: 25 }, (_, index) => ({ cell: `w${index}, x: y`, detail: '100%\nworse' })) };
    const errors = renderAnnotations(many, 'b,json', new Map())
      .split('\n')
      .filter((line) => line.startsWith('::error'));
    expect(errors).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(errors[0]).toBe('::error file=b%2Cjson,title=Regression%3A w0%2C x%3A y::100%25%0Aworse');
    expect(errors.at(-1)).toBe('::error file=b%2Cjson,title=16 more::16 more of this kind: the job summary and the log list them all');
  });

  it("point at each cell's line of a baseline file as --update-baseline writes it, and at the file alone otherwise", () => {
    const baseline = buildBaseline(buildRecord([buildStopped(), buildStopped({ kill: 'abort' })]));
    const text = `${JSON.stringify(baseline, null, 2)}\n`;
    const lines = findCellLines(text, [CELL, 'leaks-fd / abort / thread']);
    const split = text.split('\n');
    expect(split[(lines.get(CELL) ?? 0) - 1]).toMatch(/^\s*"workload": "leaks-fd",$/);
    expect(lines.get('leaks-fd / abort / thread')).toBeGreaterThan(lines.get(CELL) ?? Infinity);
    expect(findCellLines(JSON.stringify(baseline), [CELL, 'x'])).toEqual(new Map());
  });
});

describe('the job summary', () => {
  it('says the verdict and the counts, then a table of regressions and one of improvements, then the cells not checked', () => {
    const mixed = compare(
      [leaking, buildHung({ kill: 'abort' }), buildStopped({ kill: 'sigkill' })],
      [buildStopped(), buildStopped({ kill: 'abort', trial: 1 })],
    );
    expect(renderJobSummary(mixed, 'ci/baseline.json')).toBe(
      [
        '### isolation-harness: baseline check passed',
        '',
        '2 cells compared against `ci/baseline.json`: 0 regressions, 2 improvements, 1 baseline cell not run.',
        '',
        '| cell | improvement |',
        '| --- | --- |',
        `| \`${CELL}\` | no tempFiles left now, 2 in the baseline (max per trial) |`,
        '| `leaks-fd / abort / thread` | no trial hung or errored now; hung in 1 and errored in 0 of 1 in the baseline |',
        '',
        '<details><summary>1 baseline cell not run, so not checked (--check-scope baseline makes that a failure)</summary>',
        '',
        '- `leaks-fd / sigkill / thread`',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('escapes table cells, so a pipe or a line break in what was found keeps the table whole', () => {
    const text = renderJobSummary(regressed, 'b.json');
    expect(text).toContain('### isolation-harness: baseline check failed');
    expect(text).toContain(`| \`${CELL}\` | new leftover: tempFiles found 2 now (max per trial), 0 in the baseline: &lt;trial>/a\\|b, &lt;trial>/c |`);
  });

  it('stays within the bytes it is given, dropping rows from the end and saying how many', () => {
    const many: Comparison = { ...regressed, regressions: Array.from({ length: 5000 }, (_, index) => ({ cell: `cell-${index}`, detail: 'x'.repeat(200) })) };
    const text = renderJobSummary(many, 'b.json', 64 * 1024);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64 * 1024);
    const shown = text.split('\n').filter((line) => line.startsWith('| `cell-')).length;
    expect(shown).toBeGreaterThan(100);
    expect(text).toContain(
      `_${5000 - shown + regressed.notRun.length + regressed.newCells.length} more rows left out to stay within GitHub's 1 MiB job summary; the log lists them all._`,
    );
    expect(Buffer.byteLength(renderJobSummary(many, 'b.json'))).toBeLessThanOrEqual(1024 * 1024);
  });
});

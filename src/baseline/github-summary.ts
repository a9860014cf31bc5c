import type { CellFinding, Comparison } from './compare-baseline.ts';
import { countOf } from '../text/count-of.ts';
import { judgeComparison } from './format-comparison.ts';

/** GitHub keeps at most this much of one step's job summary, and shows none of a step that wrote more. */
export const JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** A part of the summary: its heading lines, then rows added while they fit. */
interface Section {
  readonly head: string[];
  readonly rows: string[];
  readonly tail: string[];
}

/**
 * The check as Markdown for GitHub's job summary: the verdict, a table of regressions and one of improvements, then
 * the cells not checked, folded. Rows are dropped from the end once `budgetBytes` would be exceeded, and a note says
 * how many; the log and results.json keep them all.
 */
export function renderJobSummary(comparison: Comparison, path: string, budgetBytes = JOB_SUMMARY_LIMIT_BYTES): string {
  const note = (left: number) => `\n_${left} more rows left out to stay within GitHub's 1 MiB job summary; the log lists them all._\n`;
  let text = `### isolation-harness: baseline check ${judgeComparison(comparison) === 'held' ? 'passed' : 'failed'}\n\n${describeCounts(comparison, path)}\n`;
  let left = 0;
  for (const section of listSections(comparison)) {
    const head = `\n${section.head.join('\n')}\n`;
    if (left > 0 || byteLength(text + head + note(1)) > budgetBytes) {
      left += section.rows.length;
      continue;
    }
    text += head;
    for (const row of section.rows) {
      if (left > 0 || byteLength(`${text}${row}\n${section.tail.join('\n')}${note(1)}`) > budgetBytes) left += 1;
      else text += `${row}\n`;
    }
    text += section.tail.map((line) => `${line}\n`).join('');
  }
  return left > 0 ? text + note(left) : text;
}

function describeCounts({ compared, regressions, improvements, unmeasured, notRun, otherShards, newCells }: Comparison, path: string): string {
  const counts = [
    countOf(regressions.length, 'regression'),
    countOf(improvements.length, 'improvement'),
    ...(unmeasured.length > 0 ? [`${countOf(unmeasured.length, 'cell')} that could not be measured`] : []),
    ...(notRun.length > 0 ? [`${countOf(notRun.length, 'baseline cell')} not run`] : []),
    ...(otherShards > 0 ? [`${countOf(otherShards, 'baseline cell')} left to the other shards`] : []),
    ...(newCells.length > 0 ? [countOf(newCells.length, 'new cell')] : []),
  ];
  return `${countOf(compared, 'cell')} compared against \`${escapeCode(path)}\`: ${counts.join(', ')}.`;
}

function listSections(comparison: Comparison): Section[] {
  const table = (what: string, found: readonly CellFinding[]): Section[] =>
    found.length === 0
      ? []
      : [
          {
            head: [`| cell | ${what} |`, '| --- | --- |'],
            rows: found.map(({ cell, detail }) => `| \`${escapeCode(cell)}\` | ${escapeCell(detail)} |`),
            tail: [],
          },
        ];
  const folded = (summary: string, cells: readonly string[]): Section[] =>
    cells.length === 0
      ? []
      : [{ head: [`<details><summary>${summary}</summary>`, ''], rows: cells.map((cell) => `- \`${escapeCode(cell)}\``), tail: ['', '</details>'] }];
  return [
    ...table('regression', comparison.regressions),
    ...table('could not measure', comparison.unmeasured),
    ...table('improvement', comparison.improvements),
    ...folded(`${countOf(comparison.notRun.length, 'baseline cell')} not run, so not checked (--check-scope baseline makes that a failure)`, comparison.notRun),
    ...folded(`${countOf(comparison.newCells.length, 'new cell')}, not in the baseline (--update-baseline adds them)`, comparison.newCells),
  ];
}

/** A table cell holds one line, and a pipe would end it. */
function escapeCell(text: string): string {
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .replaceAll('<', '&lt;');
}

function escapeCode(text: string): string {
  return text
    .replaceAll('`', "'")
    .replaceAll('|', '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

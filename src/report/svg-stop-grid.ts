import type { TrialOutcome } from '../record/trial-result.ts';
import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import type { RunRecord } from '../record/run-record.ts';
import { RUNTIME_NAMES, type RuntimeName } from '../runtime/runtime.ts';
import { countOf } from '../text/count-of.ts';
import { LEFTOVER_KINDS } from '../analysis/leftover-kinds.ts';
import type { Analysis, AnalysisView } from '../analysis/analysis.ts';
import { analyze } from '../analysis/analyze.ts';
import type { CellSummary } from '../analysis/summarize-cell.ts';
import { nameView } from './name-view.ts';
import { renderGridLegend, wrapWords } from './svg-legend.ts';
import { LINGERED_STYLE, MUTED_COLOUR, NOT_RUN_STYLE, OUTCOME_STYLES, renderPatterns, TEXT_COLOUR } from './svg-outcome-style.ts';
import { onlyLingered } from '../analysis/summarize-lifetimes.ts';
import { escapeXml, estimateTextWidth, renderElement, renderText } from './svg-syntax.ts';

/** Beside report.md, which embeds it by this name. */
export const GRID_FILE_NAME = 'report.svg';

const PADDING = 20;
const SQUARE = 32;
const SQUARE_GAP = 4;
const COLUMN_GAP = 12;
const ROW_PADDING = 5;
const TITLE_SIZE = 17;
const SUBTITLE_SIZE = 12;
const HEADER_SIZE = 11;
const HEADER_LINE = 13;
const WORKLOAD_SIZE = 12;
const WORD_SIZE = 9;
const WORD_LINE = 11;
/** Words under one square; a square that would need more says how many it left out. */
const WORDS_SHOWN = 3;
/** Wide enough for the title and a legend of two lines, however few kill styles the run had. */
const MINIMUM_WIDTH = 560;
const RUNTIME_MEANINGS: Readonly<Record<RuntimeName, string>> = {
  thread: 'in a worker thread (tinypool)',
  process: 'in a child process (execa)',
  'py-thread': 'in a Python threading.Thread',
  'py-process': 'in a Python multiprocessing.Process (the default start method)',
  'py-process-spawn': 'in a Python multiprocessing.Process started by spawn',
};
const RUNTIME_LETTERS: Readonly<Record<RuntimeName, string>> = {
  thread: 'T',
  process: 'P',
  'py-thread': 'pyT',
  'py-process': 'pyP',
  'py-process-spawn': 'pyS',
};

/** One grid drawn at the top left: its size and its elements. */
interface DrawnGrid {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly description: string;
  readonly markup: readonly string[];
}

/**
 * The report's first picture: workloads as rows, kill styles as columns, in each cell one square per runtime
 * coloured by its worst outcome, its k/n inside and what leaked named under it; for a run across Node.js versions,
 * one such grid per version, one under the other, so the same square can be compared down the page. Plain SVG 1.1
 * (no scripts, fonts or foreignObject) that GitHub shows where report.md embeds it.
 */
export function renderStopGrid(record: RunRecord, analysis: Analysis = analyze(record)): string {
  const { views } = analysis;
  const grids = views.map((view) => drawGrid(record, view, views.length === 1 ? '' : `${nameView(view, record)}: `));
  const width = Math.max(...grids.map((grid) => grid.width));
  const height = grids.reduce((sum, grid) => sum + grid.height, 0);
  let top = 0;
  const placed = grids.map((grid) => {
    const group = renderElement('g', { transform: `translate(0 ${top})` }, [...grid.markup]);
    top += grid.height;
    return group;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    renderElement(
      'svg',
      { xmlns: 'http://www.w3.org/2000/svg', version: '1.1', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': 'sans-serif' },
      [
        renderElement('title', {}, [escapeXml(grids.map((grid) => grid.title).join('; '))]),
        renderElement('desc', {}, [escapeXml(grids.map((grid) => grid.description).join(' '))]),
        renderPatterns(),
        renderElement('rect', { x: 0, y: 0, width, height, rx: 6, fill: '#ffffff' }),
        ...placed,
      ],
    ),
    '',
  ].join('\n');
}

function drawGrid(record: RunRecord, view: AnalysisView, titlePrefix: string): DrawnGrid {
  const { plan } = record;
  const runtimes = RUNTIME_NAMES.filter((runtime) => plan.runtimes.includes(runtime));
  const workloads = plan.workloads.map((workload) => workload.name);
  const find = (workload: string, kill: string, runtime: string) =>
    view.cells.find((cell) => cell.workload === workload && cell.kill === kill && cell.runtime === runtime) ?? null;
  const cells = workloads.map((workload) => plan.kills.map((kill) => runtimes.map((runtime) => find(workload, kill, runtime))));
  // Far enough apart that the words under two neighbouring squares never touch.
  const widestWord = Math.max(0, ...cells.flat(2).flatMap((cell) => nameSquare(cell).map((word) => estimateTextWidth(word, WORD_SIZE))));
  const squarePitch = Math.max(SQUARE + SQUARE_GAP, widestWord + 3);
  const squaresWidth = (runtimes.length - 1) * squarePitch + SQUARE;
  const headers = plan.kills.map((kill) => wrapAtHyphens(kill, squaresWidth + COLUMN_GAP - 2));
  const columnWidth = Math.max(squaresWidth, ...headers.flat().map((line) => estimateTextWidth(line, HEADER_SIZE)));
  const pitch = columnWidth + COLUMN_GAP;
  const labelWidth = Math.max(80, ...workloads.map((workload) => estimateTextWidth(workload, WORKLOAD_SIZE))) + 12;
  const width = Math.ceil(Math.max(MINIMUM_WIDTH, PADDING * 2 + labelWidth + plan.kills.length * pitch - COLUMN_GAP));
  const inner = width - PADDING * 2;
  const gridLeft = PADDING + labelWidth;

  const title = `${titlePrefix}Thread or process: what each stop left`;
  const subtitle = wrapWords(describeRun(record, view, workloads.length), inner, SUBTITLE_SIZE);
  const markup = [
    renderText(title, { x: PADDING, y: PADDING + TITLE_SIZE, 'font-size': TITLE_SIZE, 'font-weight': 'bold', fill: TEXT_COLOUR }),
    ...subtitle.map((line, index) =>
      renderText(line, { x: PADDING, y: PADDING + TITLE_SIZE + 20 + index * 16, 'font-size': SUBTITLE_SIZE, fill: MUTED_COLOUR }),
    ),
  ];
  const headerTop = PADDING + TITLE_SIZE + 20 + subtitle.length * 16 + 8;
  const headerLines = Math.max(1, ...headers.map((lines) => lines.length));
  headers.forEach((lines, column) => {
    const centre = gridLeft + column * pitch + columnWidth / 2;
    const top = headerTop + (headerLines - lines.length) * HEADER_LINE;
    lines.forEach((line, index) =>
      markup.push(
        renderText(line, {
          x: centre,
          y: top + (index + 1) * HEADER_LINE - 2,
          'font-size': HEADER_SIZE,
          'font-weight': 'bold',
          'text-anchor': 'middle',
          fill: TEXT_COLOUR,
        }),
      ),
    );
  });

  let rowTop = headerTop + headerLines * HEADER_LINE + 6;
  let notRun = false;
  let lingered = false;
  workloads.forEach((workload, row) => {
    const rowCells = cells[row] ?? [];
    notRun ||= rowCells.flat().includes(null);
    lingered ||= rowCells.flat().some((cell) => cell !== null && cell.worst === 'leaked' && onlyLingered(cell.lifetimes, cell.outcomes.leaked));
    const height = ROW_PADDING * 2 + SQUARE + Math.max(0, ...rowCells.flat().map((cell) => nameSquare(cell).length)) * WORD_LINE;
    if (row % 2 === 1) markup.push(renderElement('rect', { x: PADDING - 8, y: rowTop, width: inner + 16, height, fill: '#f3f5f7' }));
    const squareTop = rowTop + ROW_PADDING;
    markup.push(renderText(workload, { x: PADDING, y: squareTop + SQUARE / 2 + 4, 'font-size': WORKLOAD_SIZE, fill: TEXT_COLOUR }));
    rowCells.forEach((pair, column) => {
      const left = gridLeft + column * pitch + (columnWidth - squaresWidth) / 2;
      pair.forEach((cell, index) => markup.push(...renderSquare(cell, runtimes[index] ?? 'thread', left + index * squarePitch, squareTop)));
    });
    rowTop += height;
  });

  const legend = renderGridLegend(PADDING, rowTop + 14, inner, notRun, lingered);
  const height = Math.ceil(rowTop + 14 + legend.height + PADDING);
  return { width, height, title, description: subtitle.join(' '), markup: [...markup, ...legend.markup] };
}

function describeRun(record: RunRecord, view: AnalysisView, workloads: number): string {
  const { plan } = record;
  const run = `${countOf(workloads, 'workload')} × ${countOf(plan.kills.length, 'kill style')}, ${countOf(plan.trials, 'trial')} per cell, run ${record.startedAt.slice(0, 10)}`;
  const results = view.cells.reduce((sum, cell) => sum + cell.trials, 0);
  const incomplete = record.incomplete === null ? '' : ` (incomplete: ${results} of ${record.incomplete.plannedResults} results)`;
  const letters = RUNTIME_NAMES.filter((runtime) => plan.runtimes.includes(runtime)).map(
    (runtime) => `${RUNTIME_LETTERS[runtime]}: ${RUNTIME_MEANINGS[runtime]}`,
  );
  return `${run}${incomplete}. ${letters.join('; ')}.`;
}

/** One runtime's square of a cell: its worst outcome's colour, the runtime's letter, k/n of that outcome, and words under it. */
function renderSquare(cell: CellSummary | null, runtime: RuntimeName, x: number, y: number): string[] {
  const outcome = cell === null ? null : cell.worst;
  const notApplicable = outcome === 'not-applicable';
  const square = renderElement('rect', {
    class: 'square',
    x,
    y,
    width: SQUARE,
    height: SQUARE,
    rx: 3,
    fill: outcome === null ? NOT_RUN_STYLE.fill : fillOf(cell, outcome),
    stroke: TEXT_COLOUR,
    'stroke-opacity': outcome === null ? 0.5 : 0.2,
    ...(outcome === null ? { 'stroke-dasharray': '3 2' } : {}),
  });
  const count = cell === null || outcome === null ? '—' : notApplicable ? 'n/a' : `${cell.outcomes[outcome]}/${cell.trials}`;
  const muted = cell === null || notApplicable;
  return [
    square,
    renderText(RUNTIME_LETTERS[runtime], { x: x + 3, y: y + 10, 'font-size': 9, fill: muted ? MUTED_COLOUR : TEXT_COLOUR }),
    renderText(count, {
      x: x + SQUARE / 2,
      y: y + (cell === null ? 21 : 25),
      'font-size': 11,
      'font-weight': muted ? 'normal' : 'bold',
      'text-anchor': 'middle',
      fill: muted ? MUTED_COLOUR : TEXT_COLOUR,
    }),
    ...nameSquare(cell).map((word, index) =>
      renderText(word, { x: x + SQUARE / 2, y: y + SQUARE + 10 + index * WORD_LINE, 'font-size': WORD_SIZE, 'text-anchor': 'middle', fill: TEXT_COLOUR }),
    ),
  ];
}

/** The worst outcome's colour; a leak whose every leftover went away by itself reads lighter than one that stayed. */
function fillOf(cell: CellSummary | null, outcome: TrialOutcome): string {
  return outcome === 'leaked' && cell !== null && onlyLingered(cell.lifetimes, cell.outcomes.leaked) ? LINGERED_STYLE.fill : OUTCOME_STYLES[outcome].fill;
}

/** `hung`, `error`, then a short word for each kind the leaked trials left: `2 files`, `1 proc`, `lock`. */
function nameSquare(cell: CellSummary | null): string[] {
  if (cell === null) return [];
  const words = [
    ...(cell.outcomes.hung > 0 ? ['hung'] : []),
    ...(cell.outcomes.errored > 0 ? ['error'] : []),
    ...cell.kinds.flatMap(({ kind, most }) => (most === null ? [] : [LEFTOVER_KINDS[kind].word(most)])),
  ];
  return words.length <= WORDS_SHOWN ? words : [...words.slice(0, WORDS_SHOWN - 1), `+${words.length - WORDS_SHOWN + 1} more`];
}

/** A kill style's name over as few lines as fit the column, broken after its hyphens and steps: `abort-then-` / `force`, `abort>` / `500ms>`. */
function wrapAtHyphens(kill: KillStyleName, width: number): string[] {
  const lines: string[] = [];
  for (const part of kill.split(/(?<=[->])/)) {
    const last = lines.at(-1);
    if (last !== undefined && estimateTextWidth(last + part, HEADER_SIZE) <= width) lines[lines.length - 1] = last + part;
    else lines.push(part);
  }
  return lines;
}

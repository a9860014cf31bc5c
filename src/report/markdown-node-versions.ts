import type { RunRecord } from '../record/run-record.ts';
import type { Judged } from '../verdicts/judge-run.ts';
import { formatVerdict } from './describe-outcome.ts';
import { formatMebibytes, NOT_MEASURED } from './format-cell.ts';
import { formatMilliseconds } from './format-stop.ts';
import { renderAtAGlance } from './markdown-summary.ts';
import { renderClaims } from './markdown-claims.ts';
import { renderResults } from './markdown-results.ts';
import { renderRuntimeSummary } from './markdown-runtimes.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';
import { renderThreadOrProcess } from './markdown-thread-or-process.ts';
import { renderTradeoffs } from './markdown-tradeoffs.ts';
import { renderXyChart } from './mermaid-chart.ts';
import { nameView, type NodeView } from '../analysis/node-views.ts';
import { summarizeRuntimes } from '../analysis/summarize-runtimes.ts';
import { type CellChange, countComparedCells, findCellChanges } from '../analysis/version-changes.ts';

const BYTES_PER_MEBIBYTE = 1024 ** 2;
/** A figure is said to have changed when its medians differ by this factor or more, over at least this many trials in each version. */
const FIGURE_CHANGE_RATIO = 1.25;
const FIGURE_CHANGE_MIN_TRIALS = 5;

/** The figures compared per runtime across versions: spawn latency, stop time and the memory the work added. */
const FIGURES = [
  { name: 'Spawn latency', unit: 'ms', read: (summary: RuntimeFigures) => summary.startMs },
  { name: 'Stop time', unit: 'ms', read: (summary: RuntimeFigures) => summary.stopMs },
  { name: 'Work memory at ready (PSS)', unit: 'MiB', read: (summary: RuntimeFigures) => summary.pssMiB },
] as const;

interface Median {
  readonly median: number;
  readonly count: number;
}

interface RuntimeFigures {
  readonly runtime: string;
  readonly startMs: Median | null;
  readonly stopMs: Median | null;
  readonly pssMiB: Median | null;
}

/** "What changed between versions": every cell a change rule found different, every verdict that differs, and the figures that moved. */
export function renderVersionChanges(views: readonly NodeView[]): string {
  const changes = findCellChanges(views);
  const compared = countComparedCells(views);
  const cells = new Set(changes.map((change) => change.cell)).size;
  const trials = views[0]?.record.plan.trials ?? 0;
  return [
    '## What changed between versions',
    [
      `The same plan ran on ${views.map(nameView).join(', ')}, on this machine, in one run.`,
      `Each sentence comes from a rule of \`src/report/version-changes.ts\`, which reads one thing of a cell in every version and reports the cell when the versions read differently; each version's reading is given with its k/n.`,
      `Of ${compared} cells every version ran, ${cells} changed under at least one rule.`,
      trials <= 2
        ? `With ${trials} trial${trials === 1 ? '' : 's'} per cell a change can be chance (a kill drawn at another point of the work): rerun the cell with more \`--trials\` before you act on it.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    renderCellChanges(changes),
    renderVerdictChanges(views),
    renderFigureChanges(views),
  ].join('\n\n');
}

function renderCellChanges(changes: readonly CellChange[]): string {
  if (changes.length === 0) return 'No cell changed: every rule read the same in every version.';
  const titles = [...new Set(changes.map((change) => change.rule.title))];
  return titles
    .map((title) => {
      const lines = changes
        .filter((change) => change.rule.title === title)
        .map(
          (change) =>
            `- ${renderInlineCode(change.cell)}: ${change.readings.map(({ version, reading }) => `Node.js ${version} ${reading?.shown ?? NOT_MEASURED}`).join('; ')}.`,
        );
      return [`**${title}**`, ...lines].join('\n');
    })
    .join('\n\n');
}

/** The claims and tradeoffs whose verdict differs between versions, each with its verdict and k/n per version. */
function renderVerdictChanges(views: readonly NodeView[]): string {
  const [first] = views;
  if (first === undefined) return '';
  const differing = first.judged.filter((_judged, position) => new Set(views.map((view) => view.judged[position]?.outcome.verdict)).size > 1);
  if (differing.length === 0) return '**Verdicts**: every claim and tradeoff came out the same in every version.';
  const lines = differing.map(({ rule }) => {
    const position = first.judged.findIndex((judged) => judged.rule.id === rule.id);
    const perVersion = views.map((view) => `${nameView(view)} ${describeJudged(view.judged[position])}`);
    return `- ${rule.kind === 'claim' ? 'Claim' : 'Tradeoff'} ${renderInlineCode(rule.id)}, "${rule.statement}": ${perVersion.join('; ')}.`;
  });
  return ['**Verdicts** that differ', ...lines].join('\n');
}

/** The figures whose medians moved by FIGURE_CHANGE_RATIO or more, with enough trials on each side to say so. */
function renderFigureChanges(views: readonly NodeView[]): string {
  const figures = views.map((view) => ({ view, runtimes: collectFigures(view.record) }));
  const runtimes = [...new Set(figures.flatMap(({ runtimes: list }) => list.map((summary) => summary.runtime)))];
  const lines = FIGURES.flatMap((figure) =>
    runtimes.flatMap((runtime) => {
      const medians = figures.map(({ view, runtimes: list }) => ({
        view,
        median: figure.read(list.find((summary) => summary.runtime === runtime) ?? emptyFigures(runtime)),
      }));
      const known = medians.flatMap(({ median }) => (median === null ? [] : [median]));
      if (known.length < 2 || known.some((median) => median.count < FIGURE_CHANGE_MIN_TRIALS)) return [];
      const values = known.map((median) => median.median);
      const ratio = Math.max(...values) / Math.max(Math.min(...values), Number.EPSILON);
      if (ratio < FIGURE_CHANGE_RATIO) return [];
      const shown = medians.map(
        ({ view, median }) => `${nameView(view)} ${median === null ? NOT_MEASURED : `${formatFigure(median.median, figure.unit)} (n = ${median.count})`}`,
      );
      return [`- ${figure.name}, ${runtime}: ${shown.join('; ')}: ${ratio.toFixed(1)}× between the slowest and the fastest.`];
    }),
  );
  const rule = `medians ${FIGURE_CHANGE_RATIO}× apart or more, over at least ${FIGURE_CHANGE_MIN_TRIALS} trials in each version`;
  if (lines.length === 0) return `**Figures**: none moved (${rule}); the table below has them all.`;
  return [`**Figures** that moved (${rule})`, ...lines].join('\n');
}

/** "Figures per version": spawn, stop and memory medians per runtime and version, as a table and as charts. */
export function renderVersionFigures(views: readonly NodeView[]): string {
  const figures = views.map((view) => ({ view, runtimes: collectFigures(view.record) }));
  const rows = figures.flatMap(({ view, runtimes }) =>
    runtimes.map((summary) => [nameView(view), summary.runtime, ...FIGURES.map((figure) => describeMedian(figure.read(summary), figure.unit))]),
  );
  const charts = FIGURES.flatMap((figure) => {
    const points = figures.flatMap(({ view, runtimes }) =>
      runtimes.flatMap((summary) => {
        const median = figure.read(summary);
        return median === null ? [] : [{ category: `${summary.runtime} ${view.node?.label ?? ''}`.trim(), value: median.median }];
      }),
    );
    if (points.length === 0) return [];
    return [
      renderXyChart({
        title: `${figure.name}, median ${figure.unit}`,
        categories: points.map((point) => point.category),
        yAxis: figure.unit,
        bar: points.map((point) => point.value),
      }),
    ];
  });
  return [
    '## Figures per version',
    "Medians per runtime, pooled over every workload and kill style that version ran (each version's own section splits them). Spawn is `startMs`; stop is `stopMs` of the stopped and leaked trials; memory is the PSS the work added at `ready()`. `n` is the number of trials behind each median.",
    renderTable(['Node.js', 'Runtime', ...FIGURES.map((figure) => `${figure.name}, median`)], rows),
    ...charts,
  ].join('\n\n');
}

/** "Claims and tradeoffs per version": every rule's verdict in every version, side by side. */
export function renderVersionVerdicts(views: readonly NodeView[]): string {
  const [first] = views;
  if (first === undefined) return '';
  const rows = first.judged.map(({ rule }, position) => [
    `${rule.kind === 'claim' ? 'Claim' : 'Tradeoff'}: ${rule.statement}`,
    ...views.map((view) => describeJudged(view.judged[position])),
  ]);
  return [
    '## Claims and tradeoffs per version',
    "Each rule of `src/verdicts/rules.ts` decided over one version's trials alone, by the same engine as a single-version report; each version's section below has the evidence.",
    renderTable(['Rule', ...views.map(nameView)], rows),
  ].join('\n\n');
}

/** One version's section: its own first table, summary, tradeoffs, claims and results, under its own heading. */
export function renderVersionSection(view: NodeView): string {
  const sections = [
    renderThreadOrProcess(view.record, { withImage: false }),
    '## Summary',
    renderAtAGlance(view.record),
    renderRuntimeSummary(view.record),
    renderTradeoffs(view.record, view.judged),
    renderClaims(view.record, view.judged),
    renderResults(view.record),
  ];
  return [`## ${nameView(view)}`, ...sections.map(demoteHeadings)].join('\n\n');
}

export function describeJudged(judged: Judged | undefined): string {
  if (judged === undefined) return NOT_MEASURED;
  const decisive = judged.outcome.shares[0];
  const kOfN = judged.rule.shape === 'share' && decisive !== undefined && decisive.n > 0 ? `, ${decisive.k}/${decisive.n}` : '';
  return `${formatVerdict(judged.rule, judged.outcome)}${kOfN}`;
}

function collectFigures(record: RunRecord): RuntimeFigures[] {
  return summarizeRuntimes(record.plan.runtimes, record.results).map(({ runtime, startMs, stopMs, workMemory }) => ({
    runtime,
    startMs: startMs === null ? null : { median: startMs.median, count: startMs.count },
    stopMs: stopMs === null ? null : { median: stopMs.median, count: stopMs.count },
    pssMiB: workMemory === null ? null : { median: workMemory.pssBytes.median / BYTES_PER_MEBIBYTE, count: workMemory.pssBytes.count },
  }));
}

function emptyFigures(runtime: string): RuntimeFigures {
  return { runtime, startMs: null, stopMs: null, pssMiB: null };
}

function describeMedian(median: Median | null, unit: string): string {
  return median === null ? NOT_MEASURED : `${formatFigure(median.median, unit)} (n = ${median.count})`;
}

function formatFigure(value: number, unit: string): string {
  return unit === 'MiB' ? formatMebibytes(value * BYTES_PER_MEBIBYTE) : `${formatMilliseconds(value)} ms`;
}

/** A section rendered for a report of its own, one heading level down, to sit under its version's heading. */
function demoteHeadings(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (line.startsWith('```')) fenced = !fenced;
      return !fenced && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join('\n');
}

import type { Analysis, AnalysisView } from '../analysis/analysis.ts';
import { ENGINE_FIGURES, type EngineChanges, FIGURE_CHANGE, type Median } from '../analysis/engine-changes.ts';
import type { RunRecord } from '../record/run-record.ts';
import type { Judged } from '../verdicts/judge-run.ts';
import { formatVerdict } from './describe-outcome.ts';
import { formatMebibytes, NOT_MEASURED } from './format-cell.ts';
import { formatMilliseconds } from './format-stop.ts';
import { renderClaims } from './markdown-claims.ts';
import { renderResults } from './markdown-results.ts';
import { renderRuntimeSummary } from './markdown-runtimes.ts';
import { renderCycleMemory } from './markdown-cycles.ts';
import { renderAtAGlance } from './markdown-summary.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';
import { renderThreadOrProcess } from './markdown-thread-or-process.ts';
import { renderTradeoffs } from './markdown-tradeoffs.ts';
import { renderXyChart } from './mermaid-chart.ts';
import { nameDimension, nameView } from './name-view.ts';

const BYTES_PER_MEBIBYTE = 1024 ** 2;

/**
 * "What changed between versions" (Node.js versions) or "between engines" (Node.js, Bun, Deno): every cell a change
 * rule found different, every verdict that differs, and the figures that moved.
 */
export function renderEngineChanges(record: RunRecord, analysis: Analysis, changes: EngineChanges): string {
  const names = analysis.views.map((view) => nameView(view, record));
  const { one, many } = nameDimension(analysis.views);
  const trials = record.plan.trials;
  return [
    `## What changed between ${many}`,
    [
      `The same plan ran on ${names.join(', ')}, on this machine, in one run.`,
      `Each sentence comes from a rule of \`src/analysis/engine-changes.ts\`, which reads one thing of a cell on every ${one} and reports the cell when the ${many} read differently; each ${one}'s reading is given with its k/n.`,
      `Of ${changes.comparedCells} cells every ${one} ran, ${changes.changedCells} changed under at least one rule.`,
      trials <= 2
        ? `With ${trials} trial${trials === 1 ? '' : 's'} per cell a change can be chance (a kill drawn at another point of the work): rerun the cell with more \`--trials\` before you act on it.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    renderCellChanges(changes, one),
    renderVerdictChanges(changes, names, one),
    renderFigureChanges(changes, names, one),
  ].join('\n\n');
}

function renderCellChanges(changes: EngineChanges, one: string): string {
  if (changes.cells.length === 0) return `No cell changed: every rule read the same on every ${one}.`;
  const titles = [...new Set(changes.cells.map((change) => change.title))];
  return titles
    .map((title) => {
      const lines = changes.cells
        .filter((change) => change.title === title)
        .map(
          (change) =>
            `- ${renderInlineCode(change.cell)}: ${change.readings.map(({ engine, reading }) => `${engine} ${reading?.shown ?? NOT_MEASURED}`).join('; ')}.`,
        );
      return [`**${title}**`, ...lines].join('\n');
    })
    .join('\n\n');
}

function renderVerdictChanges(changes: EngineChanges, names: readonly string[], one: string): string {
  if (changes.verdicts.length === 0) return `**Verdicts**: every claim and tradeoff came out the same on every ${one}.`;
  const lines = changes.verdicts.flatMap(({ verdicts }) => {
    const [first] = verdicts.filter((judged) => judged !== null);
    if (first === undefined) return [];
    const perVersion = verdicts.map((judged, position) => `${names[position] ?? ''} ${describeJudged(judged ?? undefined)}`);
    return [`- ${first.rule.kind === 'claim' ? 'Claim' : 'Tradeoff'} ${renderInlineCode(first.rule.id)}, "${first.rule.statement}": ${perVersion.join('; ')}.`];
  });
  return ['**Verdicts** that differ', ...lines].join('\n');
}

function renderFigureChanges(changes: EngineChanges, names: readonly string[], one: string): string {
  const rule = `medians ${FIGURE_CHANGE.ratio}× apart or more, over at least ${FIGURE_CHANGE.minTrials} trials on each ${one}`;
  if (changes.figures.length === 0) return `**Figures**: none moved (${rule}); the table below has them all.`;
  const lines = changes.figures.map((change) => {
    const shown = change.medians.map((median, position) => `${names[position] ?? ''} ${describeMedian(median, change.unit)}`);
    return `- ${change.figure}, ${change.runtime}: ${shown.join('; ')}: ${change.ratio.toFixed(1)}× between the slowest and the fastest.`;
  });
  return [`**Figures** that moved (${rule})`, ...lines].join('\n');
}

/** "Figures per version" (or engine): spawn, stop and memory medians per runtime and engine, as a table and as charts. */
export function renderEngineFigures(record: RunRecord, views: readonly AnalysisView[]): string {
  const { one, column } = nameDimension(views);
  const rows = views.flatMap((view) =>
    view.runtimes.map((summary) => [
      nameView(view, record),
      summary.runtime,
      ...ENGINE_FIGURES.map((figure) => describeMedian(figure.read(summary), figure.unit)),
    ]),
  );
  const charts = ENGINE_FIGURES.flatMap((figure) => {
    const points = views.flatMap((view) =>
      view.runtimes.flatMap((summary) => {
        const median = figure.read(summary);
        return median === null ? [] : [{ category: `${summary.runtime} ${view.engine?.label ?? ''}`.trim(), value: median.median }];
      }),
    );
    if (points.length === 0) return [];
    const chart = { title: `${figure.name}, median ${figure.unit}`, categories: points.map((point) => point.category), yAxis: figure.unit };
    return [renderXyChart({ ...chart, bar: points.map((point) => point.value) })];
  });
  return [
    `## Figures per ${one}`,
    `Medians per runtime, pooled over every workload and kill style that ${one} ran (each ${one}'s own section splits them). Spawn is \`startMs\`; stop is \`stopMs\` of the stopped and leaked trials; memory is the PSS the work added at \`ready()\`. \`n\` is the number of trials behind each median.`,
    renderTable([column, 'Runtime', ...ENGINE_FIGURES.map((figure) => `${figure.name}, median`)], rows),
    ...charts,
  ].join('\n\n');
}

/** "Claims and tradeoffs per version" (or engine): every rule's verdict on every engine, side by side. */
export function renderEngineVerdicts(record: RunRecord, views: readonly AnalysisView[]): string {
  const [first] = views;
  if (first === undefined) return '';
  const { one } = nameDimension(views);
  const rows = first.verdicts.map(({ rule }, position) => [
    `${rule.kind === 'claim' ? 'Claim' : 'Tradeoff'}: ${rule.statement}`,
    ...views.map((view) => describeJudged(view.verdicts[position])),
  ]);
  return [
    `## Claims and tradeoffs per ${one}`,
    `Each rule of \`src/verdicts/rules.ts\` decided over one ${one}'s trials alone, by the same analysis as a single-${one} report; each ${one}'s section below has the evidence.`,
    renderTable(['Rule', ...views.map((view) => nameView(view, record))], rows),
  ].join('\n\n');
}

/** One engine's section: its own first table, summary, tradeoffs, claims and results, under its own heading. */
export function renderEngineSection(record: RunRecord, view: AnalysisView): string {
  const sections = [
    renderThreadOrProcess(record.plan, view, { withImage: false }),
    '## Summary',
    renderAtAGlance(view),
    renderRuntimeSummary(view),
    renderCycleMemory(view),
    renderTradeoffs(record.plan, view.verdicts),
    renderClaims(record.plan, view.verdicts),
    renderResults(record.plan, view),
  ];
  return [`## ${nameView(view, record)}`, ...sections.map(demoteHeadings)].join('\n\n');
}

export function describeJudged(judged: Judged | undefined): string {
  if (judged === undefined) return NOT_MEASURED;
  const decisive = judged.outcome.shares[0];
  const kOfN = judged.rule.shape === 'share' && decisive !== undefined && decisive.n > 0 ? `, ${decisive.k}/${decisive.n}` : '';
  return `${formatVerdict(judged.rule, judged.outcome)}${kOfN}`;
}

function describeMedian(median: Median | null, unit: string): string {
  return median === null ? NOT_MEASURED : `${formatFigure(median.median, unit)} (n = ${median.count})`;
}

function formatFigure(value: number, unit: string): string {
  return unit === 'MiB' ? formatMebibytes(value * BYTES_PER_MEBIBYTE) : `${formatMilliseconds(value)} ms`;
}

/** A section rendered for a report of its own, one heading level down, to sit under its engine's heading. */
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

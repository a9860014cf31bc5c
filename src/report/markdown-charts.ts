import type { AnalysisView } from '../analysis/analysis.ts';
import type { StopChart } from '../analysis/stop-chart.ts';
import { joinWords } from './evidence/join-words.ts';
import { renderInlineCode } from './markdown-syntax.ts';
import { renderXyChart } from './mermaid-chart.ts';

const BYTES_PER_MEBIBYTE = 1024 ** 2;

/** The "Charts" section: medians drawn from the measured values only; a chart without data is a sentence instead. */
export function renderCharts(view: AnalysisView): string {
  const { runtimes } = view;
  return [
    '### Charts',
    renderStopChart(view.stopChart),
    renderRuntimeChart(
      'Spawn latency, median ms',
      'ms',
      runtimes.map(({ runtime, startMs }) => ({ runtime, median: startMs?.median ?? null })),
      'no trial recorded its spawn latency',
    ),
    renderRuntimeChart(
      'Memory the work added at ready() (PSS), median MiB',
      'MiB',
      runtimes.map(({ runtime, workMemory }) => ({ runtime, median: workMemory === null ? null : workMemory.pssBytes.median / BYTES_PER_MEBIBYTE })),
      'no trial recorded the memory its work added',
    ),
  ].join('\n\n');
}

/** Median stop per kill style, and forced against forced, over the workloads both runtimes ended: a bar for the thread, a line for the process. */
function renderStopChart({ rows, oneRuntimeOnly }: StopChart): string {
  const leftOut = oneRuntimeOnly.length === 0 ? '' : ` Left out, stopped in one runtime only: ${joinWords(oneRuntimeOnly.map(renderInlineCode))}.`;
  if (rows.length === 0) return `No kill style stopped the same workload in both runtimes, so there is no chart comparing their stop times.${leftOut}`;
  const chart = renderXyChart({
    title: 'Median stop ms per kill style',
    categories: rows.map(({ category }) => category),
    yAxis: 'ms',
    bar: rows.map(({ first }) => first.median),
    line: rows.map(({ second }) => second.median),
  });
  const about =
    "Median `stopMs` of each kill style, and of each runtime's forced stop (`terminate vs sigkill`), over the workloads both runtimes stopped, of the stops no other lane's harness work overlapped.";
  return [`${about} Bars: thread; line: process.${leftOut}`, chart].join('\n\n');
}

/** One bar per runtime that measured the figure. */
function renderRuntimeChart(title: string, unit: string, figures: readonly { runtime: string; median: number | null }[], missing: string): string {
  const measured = figures.flatMap(({ runtime, median }) => (median === null ? [] : [{ runtime, median }]));
  if (measured.length === 0) return `${title}: ${missing}, so there is no chart.`;
  return renderXyChart({ title, categories: measured.map(({ runtime }) => runtime), yAxis: unit, bar: measured.map(({ median }) => median) });
}

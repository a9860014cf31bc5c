import { KILL_STYLE_NAMES, type KillStyleName } from '../kill-styles/kill-styles.ts';
import type { RunRecord } from '../record/run-record.ts';
import { RUNTIME_NAMES } from '../runtime/runtime.ts';
import { indexCells } from '../analysis/cell-index.ts';
import { joinWords } from './evidence/join-words.ts';
import { compareStops } from '../analysis/paired-stops.ts';
import { renderInlineCode } from './markdown-syntax.ts';
import { renderXyChart } from './mermaid-chart.ts';
import { summarizeRuntimes } from '../analysis/summarize-runtimes.ts';

const BYTES_PER_MEBIBYTE = 1024 ** 2;

/** The "Charts" section: medians drawn from the measured values only; a chart without data is a sentence instead. */
export function renderCharts(record: RunRecord): string {
  const runtimes = summarizeRuntimes(record.plan.runtimes, record.results);
  return [
    '### Charts',
    renderStopChart(record),
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
function renderStopChart(record: RunRecord): string {
  const index = indexCells(record);
  const stopped = (kill: KillStyleName) => RUNTIME_NAMES.some((runtime) => index.findStyle(kill, runtime)?.all.stopMs);
  const rows = compareStops(record);
  const left = KILL_STYLE_NAMES.filter((kill) => stopped(kill) && !rows.some((row) => row.thread === kill || row.process === kill));
  const leftOut = left.length === 0 ? '' : ` Left out, stopped in one runtime only: ${joinWords(left.map(renderInlineCode))}.`;
  if (rows.length === 0) return `No kill style stopped the same workload in both runtimes, so there is no chart comparing their stop times.${leftOut}`;
  const chart = renderXyChart({
    title: 'Median stop ms per kill style',
    categories: rows.map(({ category }) => category),
    yAxis: 'ms',
    bar: rows.map(({ first }) => first.median),
    line: rows.map(({ second }) => second.median),
  });
  const about = "Median `stopMs` of each kill style, and of each runtime's forced stop (`terminate vs sigkill`), over the workloads both runtimes stopped.";
  return [`${about} Bars: thread; line: process.${leftOut}`, chart].join('\n\n');
}

/** One bar per runtime that measured the figure. */
function renderRuntimeChart(title: string, unit: string, figures: readonly { runtime: string; median: number | null }[], missing: string): string {
  const measured = figures.flatMap(({ runtime, median }) => (median === null ? [] : [{ runtime, median }]));
  if (measured.length === 0) return `${title}: ${missing}, so there is no chart.`;
  return renderXyChart({ title, categories: measured.map(({ runtime }) => runtime), yAxis: unit, bar: measured.map(({ median }) => median) });
}

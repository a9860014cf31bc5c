import { formatTenths } from './format-stop.ts';
import { renderCodeBlock } from './markdown-syntax.ts';

/** A Mermaid `xychart-beta`, which GitHub renders: categories along x, an optional bar series and line series. */
export interface XyChart {
  readonly title: string;
  readonly categories: readonly string[];
  readonly yAxis: string;
  readonly bar?: readonly number[];
  readonly line?: readonly number[];
  /** More line series, drawn in this order after `line`. */
  readonly lines?: readonly (readonly number[])[];
}

/** The chart as a fenced `mermaid` block. The y axis starts at 0, so bar heights compare as ratios. */
export function renderXyChart(chart: XyChart): string {
  const lineSeries = [...(chart.line === undefined ? [] : [chart.line]), ...(chart.lines ?? [])];
  const values = [...(chart.bar ?? []), ...lineSeries.flat()];
  const series = (kind: 'bar' | 'line', points: readonly number[]) => `  ${kind} [${points.map(formatTenths).join(', ')}]`;
  const lines = [
    'xychart-beta',
    `  title ${quote(chart.title)}`,
    `  x-axis [${chart.categories.map(quote).join(', ')}]`,
    `  y-axis ${quote(chart.yAxis)} 0 --> ${formatTenths(roundUp(Math.max(0, ...values)))}`,
    ...(chart.bar === undefined ? [] : [series('bar', chart.bar)]),
    ...lineSeries.map((points) => series('line', points)),
  ];
  return renderCodeBlock(lines.join('\n'), 'mermaid');
}

/** Mermaid strings cannot hold a double quote. */
function quote(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}

/** The axis top: the largest value rounded up to its leading digit (53.9 → 60), at least 1. */
function roundUp(largest: number): number {
  if (largest <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  return Math.ceil(largest / magnitude) * magnitude;
}

import { describe, expect, it } from 'vitest';
import { renderXyChart } from '../../src/report/mermaid-chart.ts';

describe('renderXyChart', () => {
  it('renders a mermaid xychart-beta block with a bar and a line series, the y axis from 0 to a round top', () => {
    const chart = renderXyChart({ title: 'Median "stop" ms', categories: ['abort', 'abort-then-force'], yAxis: 'ms', bar: [8.24, 53.9], line: [17, 12] });
    expect(chart).toBe(
      [
        '```mermaid',
        'xychart-beta',
        `  title "Median 'stop' ms"`,
        '  x-axis ["abort", "abort-then-force"]',
        '  y-axis "ms" 0 --> 60',
        '  bar [8.2, 53.9]',
        '  line [17, 12]',
        '```',
      ].join('\n'),
    );
  });

  it('leaves out the line when there is one series, and keeps a tiny top exact', () => {
    const chart = renderXyChart({ title: 'MiB', categories: ['thread'], yAxis: 'MiB', bar: [0.53] });
    expect(chart).toContain('  y-axis "MiB" 0 --> 0.6\n  bar [0.5]\n```');
    expect(chart).not.toContain('line');
  });
});

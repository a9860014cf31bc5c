import { describe, expect, it } from 'vitest';
import { viewOf } from './build-record.ts';
import { renderCharts } from '../../src/report/markdown-charts.ts';
import { buildWorkMemory } from './build-record.ts';
import { cell, hungCell, recordOf } from './build-cells.ts';

describe('renderCharts', () => {
  it('draws stop medians of the kill styles both runtimes stopped, naming those left out, and spawn and memory per runtime', () => {
    const charts = renderCharts(
      viewOf(
        recordOf(
          cell('cpu-loop', 'abort', 'thread', 1, { stopMs: 5, startMs: 20, workMemory: buildWorkMemory(10, 8, 12) }),
          cell('cpu-loop', 'abort', 'process', 1, { stopMs: 15, startMs: 60, workMemory: buildWorkMemory(40, 30, 60) }),
          cell('cpu-loop', 'terminate', 'thread', 1, { stopMs: 3, startMs: 20, workMemory: buildWorkMemory(10, 8, 12) }),
        ),
      ),
    );
    expect(charts).toContain(
      "over the workloads both runtimes stopped, of the stops no other lane's harness work overlapped. Bars: thread; line: process. Left out, stopped in one runtime only: `terminate`.",
    );
    expect(charts).toContain('  x-axis ["abort"]\n  y-axis "ms" 0 --> 20\n  bar [5]\n  line [15]');
    expect(charts).toContain('  title "Spawn latency, median ms"\n  x-axis ["thread", "process"]\n  y-axis "ms" 0 --> 60\n  bar [20, 60]');
    expect(charts).toContain('  x-axis ["thread", "process"]\n  y-axis "MiB" 0 --> 40\n  bar [10, 40]');
  });

  it('skips a chart with a sentence when nothing was measured, never drawing 0', () => {
    const charts = renderCharts(viewOf(recordOf(hungCell('blocking-read', 'abort', 'thread', 1, { startMs: null, workMemory: null }))));
    expect(charts).toContain('No kill style stopped the same workload in both runtimes, so there is no chart comparing their stop times.');
    expect(charts).toContain('Spawn latency, median ms: no trial recorded its spawn latency, so there is no chart.');
    expect(charts).toContain('no trial recorded the memory its work added, so there is no chart.');
    expect(charts).not.toContain('```mermaid');
  });
});

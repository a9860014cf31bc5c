import type { RunRecord } from '../run/run-record.ts';
import type { SampleSummary } from '../statistics/summarize-samples.ts';
import { countOf, formatGrowth, NOT_MEASURED, NOTHING_RECORDED } from './format-cell.ts';
import { formatMilliseconds } from './format-stop.ts';
import { renderTable } from './markdown-syntax.ts';
import { type RuntimeSummary, summarizeRuntimes } from './summarize-runtimes.ts';

const HEADER = ['Runtime', 'Stop ms: median / p95 / max', 'Over', 'Host memory growth: median', 'Over'];

/** The "By runtime" summary: the run's headline numbers per runtime, before the per-workload tables that explain them. */
export function renderRuntimeSummary(record: RunRecord): string {
  const rows = summarizeRuntimes(record.plan.runtimes, record.results).map(renderRow);
  return [
    '### By runtime',
    [
      "Pooled over every workload and kill style the runtime ran, so a slow kill style or workload weighs on its runtime's numbers; the tables below split them.",
      "Stop ms is `stopMs` of the stopped and leaked trials; host memory growth is the host's resident memory after the stop minus before, over the trials whose memory probe could read (a child's own memory is not the host's).",
      'The time from spawning a worker or child until it is ready is not recorded, so it is not shown.',
    ].join(' '),
    renderTable(HEADER, rows),
  ].join('\n\n');
}

function renderRow(summary: RuntimeSummary): string[] {
  const { stopMs, memoryGrownBytes } = summary;
  return [
    summary.runtime,
    stopMs === null ? NOTHING_RECORDED : [stopMs.median, stopMs.p95, stopMs.max].map(formatMilliseconds).join(' / '),
    describeCount(stopMs, 'stopped trial'),
    memoryGrownBytes === null ? NOT_MEASURED : formatGrowth(memoryGrownBytes.median),
    describeCount(memoryGrownBytes, 'trial'),
  ];
}

/** How many samples a figure is over; a dash when there were none, since the figure beside it is missing too. */
function describeCount(summary: SampleSummary | null, noun: string): string {
  return summary === null ? NOTHING_RECORDED : countOf(summary.count, noun);
}

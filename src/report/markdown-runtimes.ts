import type { AnalysisView } from '../analysis/analysis.ts';
import type { SampleSummary } from '../statistics/summarize-samples.ts';
import { formatGrowth, formatMebibytes, NOT_MEASURED, NOTHING_RECORDED } from './format-cell.ts';
import { formatMilliseconds } from './format-stop.ts';
import { renderTable } from './markdown-syntax.ts';
import type { HostMemoryFigures, RuntimeSummary, WorkMemorySummary } from '../analysis/summarize-runtimes.ts';

const HEADER = [
  'Runtime',
  'Spawn ms: median / p95 / max',
  'Work memory at ready, PSS: median / max; USS, RSS: median',
  'Stop ms: median / p95 / max',
  'Host memory growth after the stop: median',
  'In a fresh host / a reused one: work memory PSS, host growth (medians)',
];

/** The "Runtime costs" table: what starting, holding and stopping work cost each runtime, pooled over the run. */
export function renderRuntimeSummary(view: AnalysisView): string {
  const rows = view.runtimes.map(renderRow);
  return [
    '### Runtime costs',
    [
      "Pooled over every workload and kill style the runtime ran, so a heavy workload or a slow kill style weighs on its runtime's numbers; the tables below split them.",
      'Spawn ms is `startMs`, from asking the runtime to start the work until the workload called `ready()`.',
      "Work memory is `workMemory`, what the work added at `ready()`: the host's growth for a thread (its memory is the host's), the child's own plus the host's growth for a process.",
      'It is PSS, which splits each page a child shares with its host (the Node.js binary, its libraries) between the two, so that a thread and a process compare like for like; beside it USS, the pages only the work holds, and RSS, which counts the shared pages whole.',
      "Stop ms is `stopMs` of the stopped and leaked trials; host memory growth is the host's resident memory after the stop minus before.",
      'A lane runs a trial in the host its last trial left clean (`hostReused`): such a host has its code loaded and its heap grown already, so the last column gives the memory figures of trials in a fresh host and in a reused one apart.',
      'Each figure gives the number of trials it is over, `n`; a trial that could not measure it is left out, never counted as 0.',
    ].join(' '),
    renderTable(HEADER, rows),
  ].join('\n\n');
}

function renderRow(summary: RuntimeSummary): string[] {
  const { startMs, workMemory, stopMs, memoryGrownBytes } = summary;
  return [
    summary.runtime,
    describe(startMs, (spread) => [spread.median, spread.p95, spread.max].map(formatMilliseconds).join(' / ')),
    workMemory === null ? NOT_MEASURED : describeWorkMemory(workMemory),
    describe(stopMs, (spread) => [spread.median, spread.p95, spread.max].map(formatMilliseconds).join(' / '), NOTHING_RECORDED),
    describe(memoryGrownBytes, (spread) => formatGrowth(spread.median)),
    [summary.byHost.fresh, summary.byHost.reused].map(describeHostMemory).join(' / '),
  ];
}

/** One kind of host's medians, each with its n; "not measured" for a kind of host no trial ran in. */
function describeHostMemory({ workMemoryPss, memoryGrownBytes }: HostMemoryFigures): string {
  if (workMemoryPss === null && memoryGrownBytes === null) return NOT_MEASURED;
  return `${describe(workMemoryPss, (pss) => formatMebibytes(pss.median))}, ${describe(memoryGrownBytes, (growth) => formatGrowth(growth.median))}`;
}

/** PSS's median and max, then the medians of USS and RSS over the same trials. */
function describeWorkMemory({ pssBytes, ussBytes, rssBytes }: WorkMemorySummary): string {
  const beside = `USS ${formatMebibytes(ussBytes.median)}, RSS ${formatMebibytes(rssBytes.median)}`;
  return describe(pssBytes, (pss) => `${[pss.median, pss.max].map(formatMebibytes).join(' / ')}; ${beside}`);
}

/** The figures with how many trials they are over; "not measured" when no trial recorded them (a dash for stop times when none stopped). */
function describe(summary: SampleSummary | null, format: (summary: SampleSummary) => string, missing = NOT_MEASURED): string {
  return summary === null ? missing : `${format(summary)} (n = ${summary.count})`;
}

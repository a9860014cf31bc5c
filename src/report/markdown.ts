import type { RunRecord } from '../record/run-record.ts';
import { type Judged, judgeRun } from '../verdicts/judge-run.ts';
import { countOf } from './format-cell.ts';
import { renderBlindSpots } from './markdown-blind-spots.ts';
import { renderCharts } from './markdown-charts.ts';
import { renderClaims } from './markdown-claims.ts';
import { renderEnvironment } from './markdown-environment.ts';
import { renderIncomplete } from './markdown-incomplete.ts';
import { renderLegend } from './markdown-legend.ts';
import { renderMixedProvenance } from './markdown-provenance.ts';
import { renderResults } from './markdown-results.ts';
import { renderRuntimeSummary } from './markdown-runtimes.ts';
import { describeSettings } from './markdown-settings.ts';
import { renderAtAGlance } from './markdown-summary.ts';
import { renderCodeBlock } from './markdown-syntax.ts';
import { renderThreadOrProcess } from './markdown-thread-or-process.ts';
import { renderTradeoffs } from './markdown-tradeoffs.ts';

/** The human-readable report: GitHub-flavoured Markdown rendered from the recorded run only. */
export function renderMarkdown(record: RunRecord, judged: readonly Judged[] = judgeRun(record)): string {
  const sections = [
    '# Isolation harness report',
    renderIncomplete(record),
    renderMixedProvenance(record),
    // First, because it answers what most readers come with: is my kind of job safer to stop in a thread or a process?
    renderThreadOrProcess(record),
    describeRun(record),
    renderCodeBlock(record.command, 'sh'),
    describeSettings(record.plan),
    '## Summary',
    renderAtAGlance(record),
    renderRuntimeSummary(record),
    renderCharts(record),
    renderTradeoffs(record, judged),
    renderClaims(record, judged),
    renderBlindSpots(record),
    renderEnvironment(record),
    renderResults(record),
    renderLegend(record.plan),
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

/** One paragraph saying what was run and when; the code block after it reproduces the run. */
function describeRun(record: RunRecord): string {
  const { plan } = record;
  const matrix = [
    countWithNames(plan.runtimes, 'runtime'),
    countWithNames(plan.kills, 'kill style'),
    countWithNames(
      plan.workloads.map((workload) => workload.name),
      'workload',
    ),
  ].join(' × ');
  return [
    `This run stopped work in ${matrix}, with ${countOf(plan.trials, 'trial')} per cell where the kill style applies:`,
    `${countOf(record.results.length, 'trial result')} recorded`,
    `from ${record.startedAt} to ${record.finishedAt}.`,
    'To reproduce it, run this from the repository root:',
  ].join(' ');
}

function countWithNames(names: readonly string[], noun: string): string {
  return `${countOf(names.length, noun)} (${names.join(', ')})`;
}

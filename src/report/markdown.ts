import type { RunPlan, RunRecord } from '../run/run-record.ts';
import { countOf } from './format-cell.ts';
import { renderEnvironment } from './markdown-environment.ts';
import { renderLegend } from './markdown-legend.ts';
import { renderResults } from './markdown-results.ts';
import { renderCodeBlock } from './markdown-syntax.ts';

/** The human-readable report: GitHub-flavoured Markdown rendered from the recorded run only. */
export function renderMarkdown(record: RunRecord): string {
  const sections = [
    '# Isolation harness report',
    describeRun(record),
    renderCodeBlock(record.command, 'sh'),
    describeSettings(record.plan),
    renderEnvironment(record),
    renderResults(record),
    renderLegend(record.plan),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** One paragraph saying what was run and when; the code block after it reproduces the run. */
function describeRun(record: RunRecord): string {
  const { plan } = record;
  const matrix = [
    countWithNames(plan.runtimes, 'runtime'),
    countWithNames(plan.kills, 'kill style'),
    countWithNames(plan.workloads.map((workload) => workload.name), 'workload'),
  ].join(' × ');
  return [
    `This run stopped work in ${matrix}, with ${countOf(plan.trials, 'trial')} per cell where the kill style applies:`,
    `${countOf(record.results.length, 'trial result')} recorded`,
    `from ${record.startedAt} to ${record.finishedAt}.`,
    'To reproduce it, run this from the repository root:',
  ].join(' ');
}

/** The timings the plan gave every trial: each one changes what a stop can show, so the report states them. */
function describeSettings(plan: RunPlan): string {
  return [
    `Each workload had ${plan.startTimeoutMs} ms to become ready (\`--start-timeout\`), each stop ${plan.stopTimeoutMs} ms to end the work (\`--stop-timeout\`).`,
    `\`abort-then-force\` forces the stop after a grace of ${plan.graceMs} ms (\`--grace\`);`,
    `\`timeout\` gives the runtime a deadline of ${plan.deadlineMs} ms from the start of the work (\`--deadline\`).`,
  ].join(' ');
}

function countWithNames(names: readonly string[], noun: string): string {
  return `${countOf(names.length, noun)} (${names.join(', ')})`;
}

import type { RunRecord } from '../record/run-record.ts';
import type { Judged } from '../verdicts/judge-run.ts';
import { describeNode, type NodeVersionEntry } from '../node-versions/node-target.ts';
import { NODE_PACKAGE } from '../node-versions/node-registry.ts';
import { joinWords } from './evidence/join-words.ts';
import { renderVersionChanges, renderVersionFigures, renderVersionSection, renderVersionVerdicts } from './markdown-node-versions.ts';
import { nameView, type NodeView, viewByNode } from '../analysis/node-views.ts';
import { GRID_FILE_NAME } from './svg-stop-grid.ts';
import { countOf } from './format-cell.ts';
import { renderBlindSpots } from './markdown-blind-spots.ts';
import { renderCharts } from './markdown-charts.ts';
import { renderClaims } from './markdown-claims.ts';
import { renderEnvironment } from './markdown-environment.ts';
import { renderIncomplete } from './markdown-incomplete.ts';
import { renderLanguageDifferences } from './markdown-languages.ts';
import { renderLegend } from './markdown-legend.ts';
import { renderMixedProvenance } from './markdown-provenance.ts';
import { renderResults } from './markdown-results.ts';
import { renderRuntimeSummary } from './markdown-runtimes.ts';
import { describeSettings } from './markdown-settings.ts';
import { renderAtAGlance } from './markdown-summary.ts';
import { renderCodeBlock } from './markdown-syntax.ts';
import { renderThreadOrProcess } from './markdown-thread-or-process.ts';
import { renderTradeoffs } from './markdown-tradeoffs.ts';

/**
 * The human-readable report: GitHub-flavoured Markdown rendered from the recorded run only. A run across Node.js
 * versions (--node with two or more) gets the versions side by side; a run on one gets the report of that run.
 */
export function renderMarkdown(record: RunRecord, views: readonly NodeView[] = viewByNode(record)): string {
  const [only] = views;
  if (views.length === 1 && only !== undefined) return renderSingleVersion(only.record, only.judged);
  return renderAcrossVersions(record, views);
}

function renderSingleVersion(record: RunRecord, judged: readonly Judged[]): string {
  const sections = [
    '# Isolation harness report',
    renderIncomplete(record),
    renderMixedProvenance(record),
    // First, because it answers what most readers come with: is my kind of job safer to stop in a thread or a process?
    renderThreadOrProcess(record),
    renderLanguageDifferences(judged),
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

/**
 * The versions side by side: what changed first, then the figures and verdicts per version, then each version's
 * own sections; the run's settings, machine and legend once.
 */
function renderAcrossVersions(record: RunRecord, views: readonly NodeView[]): string {
  const [first] = views;
  const sections = [
    `# Isolation harness report: ${views.map(nameView).join(', ')} side by side`,
    renderIncomplete(record),
    renderMixedProvenance(record),
    renderVersionChanges(views),
    describeRun(record),
    renderCodeBlock(record.command, 'sh'),
    describeSettings(record.plan),
    `![Every kill style against every workload, one grid per Node.js version: per cell a square for the thread (T) and one for the process (P), coloured by outcome, with what leaked named under it](${GRID_FILE_NAME})`,
    renderVersionFigures(views),
    renderVersionVerdicts(views),
    ...views.map(renderVersionSection),
    first === undefined ? '' : renderBlindSpots(first.record),
    renderEnvironment(record),
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
  const nodes =
    plan.nodes === undefined
      ? ''
      : `, with the hosts on ${plan.nodes.length === 1 ? '' : 'each of '}${joinWords(plan.nodes.map((node) => `${describeNode(node)} (${describeSource(node)})`))}`;
  return [
    `This run stopped work in ${matrix}${nodes}, with ${countOf(plan.trials, 'trial')} per cell where the kill style applies:`,
    `${countOf(record.results.length, 'trial result')} recorded`,
    `from ${record.startedAt} to ${record.finishedAt}.`,
    'To reproduce it, run this from the repository root:',
  ].join(' ');
}

function describeSource(node: NodeVersionEntry): string {
  if (node.source === 'running') return "the harness's own";
  return node.source === 'registry' ? `from the npm registry's ${NODE_PACKAGE}` : `at the path given, ${node.requested}`;
}

function countWithNames(names: readonly string[], noun: string): string {
  return `${countOf(names.length, noun)} (${names.join(', ')})`;
}

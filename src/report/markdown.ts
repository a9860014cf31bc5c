import type { RunRecord } from '../record/run-record.ts';
import type { Analysis, AnalysisView } from '../analysis/analysis.ts';
import { analyze } from '../analysis/analyze.ts';
import { describeEngine, type EngineEntry } from '../engines/engine-target.ts';
import { ENGINE_PACKAGES } from '../engines/engine-registry.ts';
import { joinWords } from './evidence/join-words.ts';
import { renderEngineChanges, renderEngineFigures, renderEngineSection, renderEngineVerdicts } from './markdown-engines.ts';
import { nameDimension, nameView } from './name-view.ts';
import { renderRecommendations } from './markdown-recommendations.ts';
import { GRID_FILE_NAME } from './svg-stop-grid.ts';
import { countOf } from '../text/count-of.ts';
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
import { renderCycleMemory } from './markdown-cycles.ts';
import { describeSettings } from './markdown-settings.ts';
import { renderAtAGlance } from './markdown-summary.ts';
import { renderCodeBlock } from './markdown-syntax.ts';
import { renderThreadOrProcess } from './markdown-thread-or-process.ts';
import { renderTradeoffs } from './markdown-tradeoffs.ts';

/**
 * The human-readable report: GitHub-flavoured Markdown formatted from the record and its analysis. A run across
 * engines (--engine or --node with two or more) gets the engines side by side; a run on one gets the report of that run.
 */
export function renderMarkdown(record: RunRecord, analysis: Analysis = analyze(record)): string {
  const [only] = analysis.views;
  if (analysis.views.length === 1 && only !== undefined) return renderSingleEngine(record, analysis, only);
  return renderAcrossEngines(record, analysis);
}

function renderSingleEngine(record: RunRecord, analysis: Analysis, view: AnalysisView): string {
  const sections = [
    '# Isolation harness report',
    renderIncomplete(record),
    renderMixedProvenance(analysis.segments),
    // First, because it answers what most readers come with: for my job, thread or process, and which stop?
    renderRecommendations(analysis.recommendations),
    renderThreadOrProcess(record.plan, view),
    renderLanguageDifferences(view.verdicts),
    describeRun(record),
    renderCodeBlock(record.command, 'sh'),
    describeSettings(record.plan, analysis.raisedDeadlines),
    '## Summary',
    renderAtAGlance(view),
    renderRuntimeSummary(view),
    renderCycleMemory(view),
    renderCharts(view),
    renderTradeoffs(record.plan, view.verdicts),
    renderClaims(record.plan, view.verdicts),
    renderBlindSpots(record, analysis.blindSpots),
    renderEnvironment(record, analysis.segments, analysis.blindSpots.containment),
    renderResults(record.plan, view),
    renderLegend(record.plan),
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

/**
 * The engines side by side: the recommendations and what changed first, then the figures and verdicts per engine,
 * then each engine's own sections; the run's settings, machine and legend once.
 */
function renderAcrossEngines(record: RunRecord, analysis: Analysis): string {
  const { views, engineChanges } = analysis;
  const sections = [
    `# Isolation harness report: ${views.map((view) => nameView(view, record)).join(', ')} side by side`,
    renderIncomplete(record),
    renderMixedProvenance(analysis.segments),
    renderRecommendations(analysis.recommendations),
    engineChanges === null ? '' : renderEngineChanges(record, analysis, engineChanges),
    describeRun(record),
    renderCodeBlock(record.command, 'sh'),
    describeSettings(record.plan, analysis.raisedDeadlines),
    `![Every kill style against every workload, one grid per ${nameDimension(views).one === 'version' ? 'Node.js version' : 'engine'}: per cell a square for the thread (T) and one for the process (P), coloured by outcome, with what leaked named under it](${GRID_FILE_NAME})`,
    renderEngineFigures(record, views),
    renderEngineVerdicts(record, views),
    ...views.map((view) => renderEngineSection(record, view)),
    renderBlindSpots(record, analysis.blindSpots),
    renderEnvironment(record, analysis.segments, analysis.blindSpots.containment),
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
  const engines =
    plan.engines === undefined
      ? ''
      : `, with the hosts on ${plan.engines.length === 1 ? '' : 'each of '}${joinWords(plan.engines.map((engine) => `${describeEngine(engine)} (${describeSource(engine)})`))}`;
  return [
    `This run stopped work in ${matrix}${engines}, with ${countOf(plan.trials, 'trial')} per cell where the kill style applies:`,
    `${countOf(record.results.length, 'trial result')} recorded`,
    `from ${record.startedAt} to ${record.finishedAt}.`,
    'To reproduce it, run this in the folder the run was started from (its paths are relative to that folder):',
  ].join(' ');
}

function describeSource(engine: EngineEntry): string {
  const source =
    engine.source === 'running'
      ? "the harness's own"
      : engine.source === 'registry'
        ? `from the npm registry's ${ENGINE_PACKAGES[engine.name].name}`
        : `at the path given, ${engine.requested}`;
  const replaced = Object.entries(engine.libraries).flatMap(([runtime, choice]) =>
    choice.because === undefined ? [] : [`its ${runtime} adapter uses ${choice.library}: ${choice.because}`],
  );
  return [source, ...replaced].join('; ');
}

function countWithNames(names: readonly string[], noun: string): string {
  return `${countOf(names.length, noun)} (${names.join(', ')})`;
}

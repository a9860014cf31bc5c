import type { RunRecord } from '../record/run-record.ts';
import type { TrialResult } from '../record/trial-result.ts';
import { judgeRun } from '../verdicts/judge-run.ts';
import type { Analysis, AnalysisView, StyleSummary } from './analysis.ts';
import { findBlindSpots } from './blind-spots.ts';
import { findRaisedDeadlines } from './raised-deadlines.ts';
import { compareSegments } from './compare-segments.ts';
import { type NodeRecord, splitByNode } from './node-views.ts';
import { recommendStops } from './recommend.ts';
import { chartStops } from './stop-chart.ts';
import { summarizeCells } from './summarize-cell.ts';
import { summarizeCycles } from './summarize-cycles.ts';
import { summarizeRuntimes } from './summarize-runtimes.ts';
import { compareThreadAndProcess } from './thread-or-process.ts';
import { compareVersions } from './version-changes.ts';

/** Every workload's cells under one name: a kill style's trials in a runtime, pooled over the run. */
const ALL_WORKLOADS = '*';

/**
 * The whole judgement of a run, from its record alone: cells, runtime figures, verdicts and tradeoffs per language,
 * the thread-or-process comparison and the recommendations, per Node.js of the run, and what changed between them.
 * Pure: the same record gives the same analysis, which results.json keeps and every renderer formats.
 */
export function analyze(record: RunRecord): Analysis {
  const views = splitByNode(record).map(analyzeView);
  const versionChanges =
    views.length < 2
      ? null
      : compareVersions(
          views.map((view) => ({
            version: view.node?.label ?? record.environment.node,
            cells: view.cells,
            verdicts: view.verdicts,
            runtimes: view.runtimes,
          })),
        );
  return {
    views,
    recommendations: views.flatMap((view) => view.recommendations).sort((a, b) => Number(a.builtIn) - Number(b.builtIn)),
    versionChanges,
    segments: compareSegments(record),
    blindSpots: findBlindSpots(record),
    raisedDeadlines: findRaisedDeadlines(record),
  };
}

function analyzeView({ node, record }: NodeRecord): AnalysisView {
  const cells = summarizeCells(record.results);
  const find = (workload: string, kill: string, runtime: string) =>
    cells.find((cell) => cell.workload === workload && cell.kill === kill && cell.runtime === runtime) ?? null;
  return {
    node,
    cells,
    styles: summarizeStyles(record.results),
    runtimes: summarizeRuntimes(record.plan.runtimes, record.results),
    stopChart: chartStops(record.results, cells),
    threadOrProcess: compareThreadAndProcess(record.plan, find),
    verdicts: judgeRun(record),
    recommendations: recommendStops(cells, record.plan.workloads, node?.label ?? null),
    cycleMemory: summarizeCycles(record.results),
  };
}

/** Each kill style in each runtime, its workloads pooled into one cell, in the order they ran. */
function summarizeStyles(results: readonly TrialResult[]): StyleSummary[] {
  const pooled = summarizeCells(results.map((result) => ({ ...result, workload: ALL_WORKLOADS })));
  return pooled.map((style) => ({
    ...style,
    workloads: new Set(results.filter((result) => result.kill === style.kill && result.runtime === style.runtime).map((result) => result.workload)).size,
  }));
}

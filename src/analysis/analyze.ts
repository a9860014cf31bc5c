import type { RunRecord } from '../record/run-record.ts';
import type { TrialResult } from '../record/trial-result.ts';
import { judgeRun } from '../verdicts/judge-run.ts';
import type { Analysis, AnalysisView, StyleSummary } from './analysis.ts';
import { findBlindSpots } from './blind-spots.ts';
import { findRaisedDeadlines } from './raised-deadlines.ts';
import { compareSegments } from './compare-segments.ts';
import { type EngineRecord, splitByEngine } from './engine-views.ts';
import { recommendStops } from './recommend.ts';
import { chartStops } from './stop-chart.ts';
import { summarizeCells } from './summarize-cell.ts';
import { summarizeCycles } from './summarize-cycles.ts';
import { summarizeRuntimes } from './summarize-runtimes.ts';
import { compareThreadAndProcess } from './thread-or-process.ts';
import { compareEngines } from './engine-changes.ts';

/** Every workload's cells under one name: a kill style's trials in a runtime, pooled over the run. */
const ALL_WORKLOADS = '*';

/**
 * The whole judgement of a run, from its record alone: cells, runtime figures, verdicts and tradeoffs per language,
 * the thread-or-process comparison and the recommendations, per engine of the run, and what changed between them.
 * Pure: the same record gives the same analysis, which results.json keeps and every renderer formats.
 */
export function analyze(record: RunRecord): Analysis {
  const views = splitByEngine(record).map(analyzeView);
  const engineChanges =
    views.length < 2
      ? null
      : compareEngines(
          views.map((view) => ({
            engine: view.engine?.label ?? record.environment.node,
            cells: view.cells,
            verdicts: view.verdicts,
            runtimes: view.runtimes,
          })),
        );
  return {
    views,
    recommendations: views.flatMap((view) => view.recommendations).sort((a, b) => Number(a.builtIn) - Number(b.builtIn)),
    engineChanges,
    segments: compareSegments(record),
    blindSpots: findBlindSpots(record),
    raisedDeadlines: findRaisedDeadlines(record),
  };
}

function analyzeView({ engine, record }: EngineRecord): AnalysisView {
  const cells = summarizeCells(record.results);
  const find = (workload: string, kill: string, runtime: string) =>
    cells.find((cell) => cell.workload === workload && cell.kill === kill && cell.runtime === runtime) ?? null;
  return {
    engine,
    cells,
    styles: summarizeStyles(record.results),
    runtimes: summarizeRuntimes(record.plan.runtimes, record.results),
    stopChart: chartStops(record.results, cells),
    threadOrProcess: compareThreadAndProcess(record.plan, find),
    verdicts: judgeRun(record),
    recommendations: recommendStops(cells, record.plan.workloads, engine?.label ?? null),
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

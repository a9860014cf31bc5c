import { KILL_STYLE_NAMES, type KillStyleName } from '../kill-styles/kill-styles.ts';
import type { TrialResult } from '../record/trial-result.ts';
import { RUNTIME_NAMES } from '../runtime/runtime.ts';
import { type SampleSummary, summarizeSamples } from '../statistics/summarize-samples.ts';
import { TRIAL_FIGURES } from '../verdicts/trial-figures.ts';
import type { ReadTrial } from '../verdicts/trial-tests.ts';
import type { CellSummary } from './summarize-cell.ts';

/** A stop of a thread set against a stop of a process: the same kill style, or each runtime's forced stop. */
export interface StopComparison {
  /** As a chart axis names it. */
  readonly category: string;
  readonly thread: KillStyleName;
  readonly process: KillStyleName;
}

/** Each runtime's forced stop against the other's, after every kill style against itself. */
const FORCED_STOPS: StopComparison = { category: 'terminate vs sigkill', thread: 'terminate', process: 'sigkill' };

/** One bar and one point of the chart: stopMs of both sides over the same workloads only. */
export interface PairedStops extends StopComparison {
  /** The workloads where both sides have an undisturbed stop time. */
  readonly workloads: readonly string[];
  readonly first: SampleSummary;
  readonly second: SampleSummary;
}

/** The stop-time chart: its pairs, and the styles with stop times in one runtime only, which it leaves out. */
export interface StopChart {
  readonly rows: readonly PairedStops[];
  readonly oneRuntimeOnly: readonly KillStyleName[];
}

/**
 * stopMs of two stops over the same workloads only (those where both have a stop no other lane's work overlapped), so
 * that a workload one side never ended (a blocked call) or a slow one only the other ran cannot move one median alone.
 */
export function chartStops(results: readonly TrialResult[], cells: readonly CellSummary[]): StopChart {
  const timed = (kill: KillStyleName, runtime: string, workload?: string) =>
    results.flatMap((result) => {
      if (result.kill !== kill || result.runtime !== runtime || (workload !== undefined && result.workload !== workload)) return [];
      if (result.outcome === 'not-applicable') return [];
      const value = TRIAL_FIGURES.stopMs.value(result as ReadTrial);
      return value === null ? [] : [{ workload: result.workload, value }];
    });
  const kills = orderKills(cells);
  const comparisons = [...kills.map((kill) => ({ category: kill, thread: kill, process: kill })), FORCED_STOPS];
  const rows = comparisons.flatMap((comparison) => {
    const workloads = [...new Set(timed(comparison.thread, 'thread').map((entry) => entry.workload))].filter(
      (workload) => timed(comparison.process, 'process', workload).length > 0,
    );
    const side = (kill: KillStyleName, runtime: string) =>
      summarizeSamples(timed(kill, runtime).flatMap((entry) => (workloads.includes(entry.workload) ? [entry.value] : [])));
    const [first, second] = [side(comparison.thread, 'thread'), side(comparison.process, 'process')];
    return first === null || second === null ? [] : [{ ...comparison, workloads, first, second }];
  });
  const stopped = (kill: KillStyleName) => cells.some((cell) => cell.kill === kill && RUNTIME_NAMES.includes(cell.runtime) && cell.stopMs !== null);
  const oneRuntimeOnly = kills.filter((kill) => stopped(kill) && !rows.some((row) => row.thread === kill || row.process === kill));
  return { rows, oneRuntimeOnly };
}

/** The kill styles of the cells in the table's order, then the sequences composed for the run, as the plan had them. */
function orderKills(cells: readonly CellSummary[]): KillStyleName[] {
  const present = new Set<KillStyleName>(cells.map((cell) => cell.kill));
  return [...KILL_STYLE_NAMES.filter((kill) => present.has(kill)), ...[...present].filter((kill) => !(KILL_STYLE_NAMES as readonly string[]).includes(kill))];
}

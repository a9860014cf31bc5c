import { FAMILY_WATCH_INTERVAL_MS } from '../src/process-family/watch-family.ts';
import type { BenchRuntime } from './bench-runtime.ts';
import type { FloorMeasurement } from './measure-floor.ts';
import type { HarnessMeasurement } from './measure-harness.ts';
import type { TraceSummary } from './phases.ts';
import type { MatrixTiming } from './time-matrix.ts';
import type { ProbesAlone } from './time-probes.ts';

/** The targets; each figure of the run is held to one of them. */
export const TARGETS = { ratio: 1.25, probesMs: 2, matrixMs: 180_000 } as const;

/** Everything one bench run measured, per runtime where it applies. */
export interface BenchRun {
  readonly header: string;
  readonly comparisons: { readonly floor: FloorMeasurement; readonly harness: HarnessMeasurement }[];
  readonly traces: { readonly runtime: BenchRuntime; readonly summary: TraceSummary }[];
  readonly probesAlone: ProbesAlone;
  /** null with --skip-matrix. */
  readonly matrix: MatrixTiming | null;
}

export function renderBench(run: BenchRun): string {
  const sections = [run.header, renderComparisons(run), renderProbes(run), renderMatrix(run.matrix), ...run.traces.map(renderPhases)];
  return `${sections.join('\n\n')}\n`;
}

function renderComparisons({ comparisons }: BenchRun): string {
  const rows = comparisons.map(({ floor, harness }) => {
    const ratio = harness.msPerTrial / floor.msPerTrial;
    const problems = harness.notStopped.length === 0 ? '' : `  (${harness.notStopped.length} not stopped: ${harness.notStopped.join('; ')})`;
    return [
      floor.runtime,
      String(harness.concurrency),
      `${harness.trials}`,
      ms(floor.msPerTrial),
      ms(harness.msPerTrial),
      ratio.toFixed(2),
      verdict(ratio <= TARGETS.ratio) + problems,
    ];
  });
  const title = `Per trial, start until ready then forced stop (wall time / trials), target harness/floor ≤ ${TARGETS.ratio}`;
  return `${title}\n${renderColumns(['runtime', 'concurrency', 'trials', 'floor ms/trial', 'harness ms/trial', 'harness/floor', 'target'], rows)}`;
}

function renderProbes({ traces, probesAlone }: BenchRun): string {
  const rows = traces.map(({ runtime, summary }) => {
    const { wallMs, cpuMs } = summary.probes;
    return [runtime, String(summary.trials), ms(wallMs), ms(cpuMs), wallMs === null ? 'not measured' : verdict(wallMs <= TARGETS.probesMs)];
  });
  const title = `Probes per trial (takeSnapshots before and at ready, release window), median of traced runTrial calls, target ≤ ${TARGETS.probesMs} ms wall`;
  const alone =
    `alone, against an idle host: takeSnapshots ${ms(probesAlone.snapshotMs)} ms, compareAll ${ms(probesAlone.compareMs)} ms, ` +
    `${ms(probesAlone.perTrialMs)} ms for the three snapshots and one comparison of a clean trial`;
  const scans =
    `finding the trial's processes: a full scan ${ms(probesAlone.fullScanMs)} ms (in every snapshot), ` +
    `a tree and cgroup read ${ms(probesAlone.treeScanMs)} ms (right before the kill, and every ${FAMILY_WATCH_INTERVAL_MS} ms while a trial runs: ${(probesAlone.treeScanCoreShare * 100).toFixed(1)}% of a core)`;
  return `${title}\n${renderColumns(['runtime', 'trials', 'probes ms/trial', 'of it CPU ms', 'target'], rows)}\n${alone}\n${scans}`;
}

function renderMatrix(matrix: MatrixTiming | null): string {
  const title = `Default matrix (node dist/cli/bin.js --out <temp>, all defaults), target ≤ ${TARGETS.matrixMs / 60_000} min`;
  if (matrix === null) return `${title}\nskipped (--skip-matrix)`;
  if (matrix.state === 'failed') return `${title}\nfailed after ${minutes(matrix.wallMs)}: ${matrix.error}  MISS`;
  return `${title}\n${minutes(matrix.wallMs)} for ${matrix.results} results  ${verdict(matrix.wallMs <= TARGETS.matrixMs)}`;
}

function renderPhases({ runtime, summary }: { runtime: BenchRuntime; summary: TraceSummary }): string {
  const rows = summary.phases.map((phase) => [phase.name, ms(phase.wallMs), ms(phase.cpuMs), phase.what]);
  rows.push(['whole trial', ms(summary.trial.wallMs), ms(summary.trial.cpuMs), 'runTrial, start to end']);
  const host = `host start-up ${ms(summary.hostStartMs)} ms (overlapped with the trial before); in the host: work start ${ms(summary.workStartInHostMs)} ms, stop ${ms(summary.stopInHostMs)} ms`;
  const title = `Where a ${runtime} trial's time goes (concurrency 1, one lane, next host started ahead; medians of ${summary.trials} trials)`;
  return `${title}\n${renderColumns(['phase', 'wall ms', 'harness CPU ms', 'what runs'], rows)}\n${host}`;
}

function renderColumns(headings: string[], rows: string[][]): string {
  const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headings), ...rows.map(line)].join('\n');
}

function verdict(met: boolean): string {
  return met ? 'PASS' : 'MISS';
}

function ms(value: number | null): string {
  return value === null ? '–' : value.toFixed(1);
}

function minutes(wallMs: number): string {
  const seconds = Math.round(wallMs / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

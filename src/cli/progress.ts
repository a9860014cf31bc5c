import { nameCell, type TrialResult } from '../record/trial-result.ts';

/** Where progress goes: process.stderr, or any sink with the same shape (tests pass a plain object). */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width; a live line longer than it would wrap, and `\r` would then rewrite only its last row. */
  readonly columns?: number;
}

export interface Progress {
  /** Names the run first, so a user can find its processes (by marker) and its temp folder. */
  start(run: { runId: string; runDirectory: string }): void;
  result(result: TrialResult, done: number, total: number): void;
  /** Ends the live line with a newline, so what is printed next starts on a fresh line; safe to call twice. */
  end(): void;
}

export interface ProgressState {
  readonly done: number;
  /** Unknown until the first result arrives. */
  readonly total: number | null;
  readonly elapsedMs: number;
  /** Null until one trial is done: nothing to estimate from. */
  readonly remainingMs: number | null;
  /** The last finished trial's cell and outcome, or null before the first. */
  readonly last: string | null;
}

/** The last result heard of, and when. */
interface Finished {
  readonly done: number;
  /**
   * Results a resumed run brought from its journal, known at the first result of this session (results arrive one at
   * a time): they took no time here, so they count for no estimate.
   */
  readonly doneBefore: number | null;
  readonly total: number | null;
  readonly at: number;
  readonly last: string | null;
}

const CLEAR_LINE = '\r\x1b[2K';
const REFRESH_MS = 1000;

/**
 * On a terminal, one live line rewritten in place (redrawn every second, so elapsed and ETA move during a long
 * trial); otherwise one plain line per trial, for logs and CI. Either way on stderr: stdout is for the files written.
 */
export function createProgress(stream: ProgressStream = process.stderr, now: () => number = () => performance.now()): Progress {
  let startedAt = now();
  let finished: Finished = { done: 0, doneBefore: null, total: null, at: startedAt, last: null };
  let timer: NodeJS.Timeout | undefined;
  let lineShown = false;

  const state = (): ProgressState => {
    const { done, doneBefore, total, at, last } = finished;
    const time = now();
    const estimate = total === null || doneBefore === null ? null : estimateRemainingMs(at - startedAt, done - doneBefore, total - done);
    // Counts down during the trial in progress, from the estimate made when the last one finished.
    const remainingMs = estimate === null ? null : Math.max(0, estimate - (time - at));
    return { done, total, elapsedMs: time - startedAt, remainingMs, last };
  };
  const draw = () => {
    stream.write(`${CLEAR_LINE}${fitToWidth(formatLiveLine(state()), stream.columns)}`);
    lineShown = true;
  };

  return {
    start(run) {
      startedAt = now();
      finished = { ...finished, at: startedAt };
      stream.write(formatStart(run));
      if (stream.isTTY !== true) return;
      draw();
      timer = setInterval(draw, REFRESH_MS).unref();
    },
    result(result, done, total) {
      finished = { done, doneBefore: finished.doneBefore ?? done - 1, total, at: now(), last: describeTrial(result) };
      if (stream.isTTY === true) return draw();
      stream.write(`${formatPlainLine(state())}\n`);
    },
    end() {
      clearInterval(timer);
      timer = undefined;
      if (!lineShown) return;
      draw();
      stream.write('\n');
      lineShown = false;
    },
  };
}

export function formatStart({ runId, runDirectory }: { runId: string; runDirectory: string }): string {
  return `run ${runId}: processes carry ISOLATION_HARNESS_TRIAL=${runId}-<n>, temp folder ${runDirectory}\n`;
}

/**
 * Mean time per trial finished in this session times the trials left; null before the first is done. Wall time
 * per result, so trials run side by side (--concurrency) shorten the estimate as they shorten the run.
 */
export function estimateRemainingMs(finishedMs: number, finished: number, left: number): number | null {
  if (finished <= 0) return null;
  return (finishedMs / finished) * Math.max(0, left);
}

/** `[ 3/24]  12%  elapsed 42s  ETA 4m 54s  open-files / sigkill / process #1: stopped in 3.2 ms` */
export function formatLiveLine({ done, total, elapsedMs, remainingMs, last }: ProgressState): string {
  const percent = total === null || total === 0 ? '' : `  ${String(Math.floor((done / total) * 100)).padStart(3)}%`;
  const times = `elapsed ${formatDuration(elapsedMs)}  ETA ${remainingMs === null ? '--' : formatDuration(remainingMs)}`;
  // A newline inside an error message would break the line that \r rewrites.
  return `${formatCount(done, total)}${percent}  ${times}${last === null ? '' : `  ${last.replace(/\s*\n\s*/g, ' ')}`}`;
}

/** `[ 3/24] open-files / sigkill / process #1: stopped in 3.2 ms; ETA 4m 54s`, and the time taken on the last. */
export function formatPlainLine({ done, total, elapsedMs, remainingMs, last }: ProgressState): string {
  const time = total !== null && done >= total ? `took ${formatDuration(elapsedMs)}` : `ETA ${remainingMs === null ? '--' : formatDuration(remainingMs)}`;
  return `${formatCount(done, total)} ${last ?? ''}; ${time}`;
}

/** `42s`, `4m 05s`, `1h 02m`: rounded to what a human waiting for a run cares about. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Cuts a line to one terminal row; no width known (not a terminal, or a sink), no cut. */
export function fitToWidth(line: string, columns: number | undefined): string {
  if (columns === undefined || columns <= 0 || line.length < columns) return line;
  return `${line.slice(0, Math.max(0, columns - 4))}...`;
}

function formatCount(done: number, total: number | null): string {
  return total === null ? `[${done}/?]` : `[${String(done).padStart(String(total).length)}/${total}]`;
}

export function describeTrial(result: TrialResult): string {
  return `${nameCell(result)} #${result.trial}: ${describeOutcome(result)}`;
}

function describeOutcome(result: TrialResult): string {
  switch (result.outcome) {
    case 'not-applicable':
      return 'not applicable';
    case 'errored':
      return `errored: ${result.error}`;
    case 'hung':
      return `hung (${result.phase})`;
    default: {
      const left = Object.entries(result.leftovers)
        .filter(([, found]) => found !== null && found.total > 0)
        .map(([probe, found]) => `${probe} ${found?.total}`);
      return `${result.outcome}${left.length > 0 ? ` (${left.join(', ')})` : ''} in ${result.stopMs.toFixed(1)} ms`;
    }
  }
}

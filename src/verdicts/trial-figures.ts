import type { StoppedTrial } from '../record/trial-result.ts';
import type { ReadTrial } from './trial-tests.ts';

/** A number measured in one trial, whose median a rule compares; null where the trial has none. */
export interface TrialFigure {
  readonly name: string;
  readonly unit: 'ms' | 'MiB';
  value(trial: ReadTrial): number | null;
}

const ended = (trial: ReadTrial): trial is StoppedTrial => trial.outcome === 'stopped' || trial.outcome === 'leaked';

/** One measure of the work's memory in MiB; null where it was not read (or the file predates the measure). */
function toMebibytes(trial: ReadTrial, measure: 'pssBytes' | 'ussBytes' | 'rssBytes'): number | null {
  const bytes = trial.outcome === 'errored' ? undefined : trial.workMemory?.[measure];
  return bytes === undefined ? null : bytes / 1024 ** 2;
}

export const TRIAL_FIGURES = {
  // A stop another lane's harness work overlapped is left out: it times the harness as much as the runtime.
  stopMs: {
    name: "stop time (`stopMs`), of the stops no other lane's harness work overlapped",
    unit: 'ms',
    value: (trial) => (ended(trial) && (trial.stopSharedWith?.length ?? 0) === 0 ? trial.stopMs : null),
  },
  startMs: { name: 'start time (`startMs`, asked to start until ready())', unit: 'ms', value: (trial) => (trial.outcome === 'errored' ? null : trial.startMs) },
  workMemory: {
    name: 'memory the work added at ready() (proportional set size, PSS)',
    unit: 'MiB',
    value: (trial) => toMebibytes(trial, 'pssBytes'),
  },
  workMemoryUss: {
    name: 'memory the work added at ready() (unique set size, USS: its private pages)',
    unit: 'MiB',
    value: (trial) => toMebibytes(trial, 'ussBytes'),
  },
  workMemoryRss: {
    name: 'memory the work added at ready() (resident set size, RSS: shared pages counted whole)',
    unit: 'MiB',
    value: (trial) => toMebibytes(trial, 'rssBytes'),
  },
} as const satisfies Record<string, TrialFigure>;

export type FigureName = keyof typeof TRIAL_FIGURES;

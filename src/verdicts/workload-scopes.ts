import { isThreadRuntime, languageOf, type RuntimeName } from '../runtime/runtime.ts';
import { COOPERATIVE_STYLES } from './cooperative-styles.ts';
import type { ReadTrial } from './trial-tests.ts';
import { readWorkAtStop } from './work-at-stop.ts';

/**
 * Which workloads a rule looks at, decided by what the work held or did before any stop, or by another kill style's
 * cells, never by the outcome the rule then counts: a rule that picked the workloads that left survivors could only
 * ever find survivors.
 */
export interface WorkloadScope {
  /** For a sentence and for docs/claims.md: `workloads that held files or sockets at ready()`. */
  readonly phrase: string;
  select(trials: readonly ReadTrial[], runtime: RuntimeName): Set<string>;
}

/** Workloads with a trial (in either runtime of the language judged: see src/verdicts/languages.ts) for which `holds` is true. */
function workloadsWhere(holds: (trial: ReadTrial) => boolean) {
  return (trials: readonly ReadTrial[]) => new Set(trials.filter(holds).map((trial) => trial.workload));
}

function heldAtReady(trial: ReadTrial) {
  return trial.outcome === 'errored' ? null : trial.heldAtReady;
}

export const WORKLOAD_SCOPES = {
  all: { phrase: 'all workloads', select: (trials) => new Set(trials.map((trial) => trial.workload)) },
  // Read in a worker, where every new file or socket of the host is the workload's: a child's own descriptors (its
  // IPC socket, the binary's files) are all new at ready(), whatever the workload holds.
  'holding-files': {
    phrase: 'workloads that held files or sockets at ready() in a thread',
    select: workloadsWhere((trial) => isThreadRuntime(trial.runtime) && (heldAtReady(trial)?.fds ?? 0) > 0),
  },
  'holding-locks': {
    phrase: 'workloads that held an OS lock or a lock folder at ready()',
    select: workloadsWhere((trial) => (heldAtReady(trial)?.locks ?? 0) > 0),
  },
  'writing-data': {
    phrase: 'workloads whose data a check of their own verifies after the stop',
    select: workloadsWhere((trial) => trial.outcome !== 'errored' && trial.integrity !== null),
  },
  // A child is itself a process of its trial; in a thread, every process besides the host is one the workload started.
  'starting-processes': {
    phrase: 'workloads that had started processes of their own by ready()',
    select: workloadsWhere((trial) => (heldAtReady(trial)?.processes ?? 0) > (isThreadRuntime(trial.runtime) ? 0 : 1)),
  },
  'with-cleanup': {
    phrase: 'workloads whose cooperative stop (abort, or event in Python) ran cleanup in this runtime (so they have cleanup to run)',
    select: (trials, runtime) =>
      new Set(
        trials
          .filter(
            (trial) =>
              trial.kill === COOPERATIVE_STYLES[languageOf(runtime)] && trial.runtime === runtime && trial.outcome !== 'errored' && trial.cleanupRan === true,
          )
          .map((trial) => trial.workload),
      ),
  },
  blocking: {
    phrase: 'workloads that a cooperative stop (abort, or event in Python) found blocked in a system call, in this runtime',
    select: (trials, runtime) =>
      new Set(
        trials
          .filter((trial) => trial.kill === COOPERATIVE_STYLES[languageOf(runtime)] && trial.runtime === runtime && readWorkAtStop(trial) === 'in-system-call')
          .map((trial) => trial.workload),
      ),
  },
} as const satisfies Record<string, WorkloadScope>;

export type ScopeName = keyof typeof WORKLOAD_SCOPES;

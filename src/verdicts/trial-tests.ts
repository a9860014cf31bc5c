import { PARENT_AT_ONCE_MS, PARENT_HOLD_GRACE_MS, wentOnAtOnce } from '../record/parent-exit.ts';
import { hasLeftovers, type HungTrial, type StoppedTrial, type TrialResult } from '../record/trial-result.ts';

/** A trial the rules read: one the probes measured (stopped, leaked or hung), or one that errored. */
export type ReadTrial = StoppedTrial | HungTrial | Extract<TrialResult, { outcome: 'errored' }>;

/**
 * A yes-or-no question about one trial; null when the trial cannot answer it (a probe that could not read, a
 * workload with no data check), so that it counts in neither k nor n.
 */
export interface TrialTest {
  /** For a sentence: `3/4 trials ${phrase}`. */
  readonly phrase: string;
  test(trial: ReadTrial): boolean | null;
}

const measured = (trial: ReadTrial): trial is StoppedTrial | HungTrial => trial.outcome !== 'errored';

/** Either of two probes found something; null only when neither could read. */
function anyOf(...found: (number | null | undefined)[]): boolean | null {
  const read = found.filter((count): count is number => typeof count === 'number');
  return read.length === 0 ? null : read.some((count) => count > 0);
}

function toreData(trial: ReadTrial): boolean | null {
  if (!measured(trial) || trial.integrity === null) return null;
  return trial.integrity.missing + trial.integrity.torn > 0 || trial.integrity.corrupt === true;
}

/** Every test a rule may name, by name. */
export const TRIAL_TESTS = {
  'left-files-or-connections': {
    phrase: 'left file descriptors, ports or connections open',
    test: (trial) => (measured(trial) ? anyOf(trial.leftovers.fds?.total, trial.leftovers.sockets?.total) : null),
  },
  'left-locks': {
    phrase: 'left a lock held (an OS lock, a lock folder or the shared-memory mutex)',
    test: (trial) => (measured(trial) ? anyOf(trial.leftovers.locks?.total, trial.sharedMutex === null ? null : Number(trial.sharedMutex === 'held')) : null),
  },
  'tore-data': {
    phrase: "left acknowledged data missing or torn, or the store corrupt, by the workload's own check",
    test: toreData,
  },
  'left-processes': {
    phrase: 'left processes of the trial running',
    test: (trial) => (measured(trial) ? anyOf(trial.leftovers.processes?.total) : null),
  },
  'left-anything': {
    phrase: 'left something behind (any probe or check)',
    test: (trial) => (measured(trial) ? hasLeftovers(trial.leftovers) || trial.sharedMutex === 'held' || toreData(trial) === true : null),
  },
  'skipped-cleanup': {
    phrase: 'ended without its cleanup having run',
    test: (trial) => (measured(trial) && trial.cleanupRan !== null ? !trial.cleanupRan : null),
  },
  'ran-cleanup': {
    phrase: 'ran its cleanup',
    test: (trial) => (measured(trial) && trial.cleanupRan !== null ? trial.cleanupRan : null),
  },
  hung: {
    phrase: 'did not end within the stop timeout (hung)',
    test: (trial) => (measured(trial) ? trial.outcome === 'hung' : null),
  },
  'ended-clean': {
    phrase: 'ended the work and left nothing behind',
    test: (trial) => (measured(trial) ? trial.outcome === 'stopped' : null),
  },
  'ended-work': {
    phrase: 'ended the work',
    test: (trial) => (measured(trial) ? trial.outcome !== 'hung' : null),
  },
  'parent-went-on': {
    phrase: `let the parent go on at once (its await settled and its event loop free within ${PARENT_AT_ONCE_MS} ms of the work's end, or with nothing holding it for ${PARENT_HOLD_GRACE_MS} ms)`,
    test: (trial) => (measured(trial) ? wentOnAtOnce(trial) : null),
  },
  'host-carried-on': {
    phrase: 'ended the work while its host carried on and was probed (rather than erroring)',
    test: (trial) => (trial.outcome === 'hung' ? null : trial.outcome !== 'errored'),
  },
} as const satisfies Record<string, TrialTest>;

export type TestName = keyof typeof TRIAL_TESTS;

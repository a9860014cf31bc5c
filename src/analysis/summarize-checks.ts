import type { HungTrial, StoppedTrial } from '../record/trial-result.ts';
import type { IntegrityCheck } from '../workload/define-workload.ts';

/** The part of a probed trial these summaries read. */
type CheckedTrial = Pick<StoppedTrial | HungTrial, 'integrity' | 'sharedMutex'>;

/** What the workloads' own verify() found over a cell's trials, summed: how much acknowledged data did not survive. */
export interface IntegritySummary {
  /** Trials whose workload checked its data. */
  readonly checked: number;
  /** Checked trials with a record missing or torn, or a corrupt store. */
  readonly broken: number;
  /** Checked trials whose store as a whole failed its own check, or could not be read at all. */
  readonly corrupt: number;
  readonly acknowledged: number;
  readonly missing: number;
  readonly torn: number;
  /** verify()'s own explanations of what broke in the broken trials, without repeats. */
  readonly details: string[];
}

/** Whether the host could take the worker's shared mutex after the stop, over the trials where that was measured. */
export interface MutexSummary {
  /** Trials with shared memory to check (thread runtime). */
  readonly measured: number;
  /** Of those, trials that left the mutex held: anyone else who takes it waits forever. */
  readonly held: number;
}

/** What the harness checked after the stop, beyond the probes. */
export interface CheckSummary {
  /** null when no trial of the cell ran a workload that writes checked data. */
  readonly integrity: IntegritySummary | null;
  /** null when no trial had shared memory to check (a child's memory is its own). */
  readonly sharedMutex: MutexSummary | null;
}

/** A broken write or a mutex left held is a leftover too: the next user of the data or the lock pays for it. */
export function summarizeChecks(measured: readonly CheckedTrial[]): CheckSummary {
  return { integrity: summarizeIntegrity(measured), sharedMutex: summarizeMutex(measured) };
}

function summarizeIntegrity(measured: readonly CheckedTrial[]): IntegritySummary | null {
  const checks = measured.flatMap((result) => (result.integrity === null ? [] : [result.integrity]));
  if (checks.length === 0) return null;
  const broken = checks.filter((check) => check.missing > 0 || check.torn > 0 || check.corrupt === true);
  const sum = (count: (check: IntegrityCheck) => number) => checks.reduce((total, check) => total + count(check), 0);
  return {
    checked: checks.length,
    broken: broken.length,
    corrupt: checks.filter((check) => check.corrupt === true).length,
    acknowledged: sum((check) => check.acknowledged),
    missing: sum((check) => check.missing),
    torn: sum((check) => check.torn),
    details: [...new Set(broken.flatMap((check) => (check.detail === undefined ? [] : [check.detail])))],
  };
}

function summarizeMutex(measured: readonly CheckedTrial[]): MutexSummary | null {
  const states = measured.flatMap((result) => (result.sharedMutex === null ? [] : [result.sharedMutex]));
  if (states.length === 0) return null;
  return { measured: states.length, held: states.filter((state) => state === 'held').length };
}

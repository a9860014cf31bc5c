import type { TrialOutcome } from '../record/trial-result.ts';

/** Every outcome, in the one order the report and results.json list them: what a stop ended first, then what went wrong. */
export const OUTCOMES: readonly TrialOutcome[] = ['stopped', 'leaked', 'hung', 'errored', 'not-applicable'];

/**
 * How bad each outcome is for a stop, worst highest: a cell of mixed outcomes is drawn and compared as its worst.
 * A stop that never ended the work (hung) ranks above one that left something; errored ranks above stopped, so that a
 * cell with a trial that could not run never looks clean; not applicable ranks lowest, it is never mixed with the others.
 */
export const OUTCOME_SEVERITY: Readonly<Record<TrialOutcome, number>> = { 'not-applicable': 0, stopped: 1, errored: 2, leaked: 3, hung: 4 };

/** The outcomes worst first, as the grid's legend explains them. */
export const OUTCOMES_WORST_FIRST: readonly TrialOutcome[] = [...OUTCOMES].sort((a, b) => OUTCOME_SEVERITY[b] - OUTCOME_SEVERITY[a]);

/** The worst outcome any trial of the counts had; `not-applicable` for none. */
export function findWorstOutcome(outcomes: Readonly<Record<TrialOutcome, number>>): TrialOutcome {
  return OUTCOMES_WORST_FIRST.find((outcome) => outcomes[outcome] > 0) ?? 'not-applicable';
}

/** Trials of each outcome, every outcome present (0 where none). */
export function countOutcomes(results: readonly { readonly outcome: TrialOutcome }[]): Record<TrialOutcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<TrialOutcome, number>;
  for (const result of results) counts[result.outcome] += 1;
  return counts;
}

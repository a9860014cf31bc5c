import { PROBE_NAMES } from '../probes/probes.ts';
import type { BaselineCell, MeasuredCell } from './baseline.ts';
import { formatMs, NOISY_PROBES, STOP_SLOWDOWN_FACTOR, STOP_SLOWDOWN_MARGIN_MS } from './tolerances.ts';

/**
 * How a cell got better than its baseline, by the mirror of each regression rule (with the same tolerances, so noise
 * reads as neither): a cue to --update-baseline so that the gain is held from now on, never a failure.
 */
export function findImprovements(expected: BaselineCell, actual: BaselineCell): string[] {
  if (expected.outcome === 'not-applicable' || actual.outcome === 'not-applicable') return [];
  const endedNow = actual.outcome.stopped + actual.outcome.leaked > 0;
  return [
    ...(endedNow ? [...fewerLeftovers(expected, actual), ...cleanupNow(expected, actual)] : []),
    ...endsNow(expected, actual),
    ...fasterStop(expected, actual),
  ];
}

function fewerLeftovers(expected: MeasuredCell, actual: MeasuredCell): string[] {
  return PROBE_NAMES.flatMap((probe) => {
    const [before, now] = [expected.leftovers[probe], actual.leftovers[probe]];
    if (before === null || now === null || NOISY_PROBES.includes(probe) || now >= before) return [];
    return [
      now === 0 ? `no ${probe} left now, ${before} in the baseline (max per trial)` : `${probe} found ${now} now, ${before} in the baseline (max per trial)`,
    ];
  });
}

function cleanupNow(expected: MeasuredCell, actual: MeasuredCell): string[] {
  if (actual.cleanupRan !== 'always' || expected.cleanupRan === 'always' || expected.cleanupRan === 'not-measured') return [];
  return [`cleanup ran in every trial now, ${expected.cleanupRan === 'never' ? 'in none' : 'in only some'} in the baseline`];
}

function endsNow(expected: MeasuredCell, actual: MeasuredCell): string[] {
  const { hung, errored, trials } = expected.outcome;
  if (hung + errored === 0 || actual.outcome.hung + actual.outcome.errored > 0) return [];
  return [`no trial hung or errored now; hung in ${hung} and errored in ${errored} of ${trials} in the baseline`];
}

function fasterStop(expected: MeasuredCell, actual: MeasuredCell): string[] {
  const [before, now] = [expected.stopMsMedian, actual.stopMsMedian];
  if (before === null || now === null || now * STOP_SLOWDOWN_FACTOR >= before || now + STOP_SLOWDOWN_MARGIN_MS >= before) return [];
  return [`stop median ${formatMs(now)} now, ${formatMs(before)} in the baseline`];
}

import { FD_KINDS, type FdLeftovers } from '../probes/fds.ts';
import type { Leftover } from '../probes/probe.ts';
import type { ProcessLeftovers } from '../probes/processes.ts';
import type { TrialOutcome } from '../trial/trial-result.ts';
import { type CellSummary, OUTCOMES, type ProbeTally } from './summarize-cell.ts';
import type { LatencySummary } from './summarize-latency.ts';

/** Shown where a column has no data: no trial of the cell reached the probes, or none stopped. */
export const NOTHING_RECORDED = '—';
const NOT_MEASURED = 'not measured';

/** Outcomes that mean the stop itself went wrong are set in bold so they stand out in a long table. */
const ALARMING: ReadonlySet<TrialOutcome> = new Set(['hung', 'errored']);

/** Each outcome that occurred as `k/n` trials; hung trials also say in which phase they hung. */
export function formatOutcomes(cell: CellSummary): string {
  return OUTCOMES.filter((outcome) => cell.outcomes[outcome] > 0)
    .map((outcome) => {
      const name = ALARMING.has(outcome) ? `**${outcome}**` : outcome;
      const phases = outcome === 'hung' ? ` (in ${cell.hungPhases.join(', ')})` : '';
      return `${name} ${cell.outcomes[outcome]}/${cell.trials}${phases}`;
    })
    .join(', ');
}

/** Descriptors left, with the worst trial's split by kind (file, socket, pipe, other). */
export function formatFds(tally: ProbeTally<FdLeftovers> | null): string {
  return formatProbe(tally, (worst) => {
    const kinds = FD_KINDS.filter((kind) => worst.byKind[kind] > 0).map((kind) => `${worst.byKind[kind]} ${kind}`);
    return ` (${kinds.join(', ')})`;
  });
}

export function formatTempFiles(tally: ProbeTally<Leftover> | null): string {
  return formatProbe(tally);
}

/** Surviving processes; zombies are dead, so they are not survivors, but they are named when there were any. */
export function formatProcesses(tally: ProbeTally<ProcessLeftovers> | null, maxZombies: number | null): string {
  const survivors = formatProbe(tally);
  return maxZombies !== null && maxZombies > 0 ? `${survivors}; zombies: max ${maxZombies}` : survivors;
}

export function formatCleanup(cell: CellSummary): string {
  return `${cell.cleanupRan}/${cell.probed}`;
}

/** The median, and the maximum when there was more than one sample. */
export function formatStopMs(latency: LatencySummary | null): string {
  if (latency === null) return NOTHING_RECORDED;
  const median = formatMilliseconds(latency.median);
  return latency.samples > 1 ? `${median} (max ${formatMilliseconds(latency.max)})` : median;
}

/** `k/n`: trials that left something out of trials measured, then the largest total one trial left. */
function formatProbe<Found extends Leftover>(tally: ProbeTally<Found> | null, describeWorst: (worst: Found) => string = () => ''): string {
  if (tally === null) return NOT_MEASURED;
  const share = `${tally.withLeftovers}/${tally.measured}`;
  return tally.worst.total > 0 ? `${share}, max ${tally.worst.total}${describeWorst(tally.worst)}` : share;
}

function formatMilliseconds(milliseconds: number): string {
  return milliseconds.toFixed(1);
}

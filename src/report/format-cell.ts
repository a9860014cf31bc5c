import { FD_KINDS, type FdLeftovers } from '../probes/fds.ts';
import type { MemoryLeftovers } from '../probes/memory.ts';
import type { Leftover } from '../probes/probe.ts';
import type { TempFileLeftovers } from '../probes/temp-files.ts';
import { renderInlineCode } from './markdown-syntax.ts';
import type { TrialOutcome } from '../record/trial-result.ts';
import { describeRate, formatRate } from './format-rate.ts';
import { OUTCOMES } from '../analysis/outcomes.ts';
import type { CellSummary, ProbeTally } from '../analysis/summarize-cell.ts';

/** Shown where a column has no data: no trial of the cell reached the probes, or none stopped. */
export const NOTHING_RECORDED = '—';
/** A probe that could not read in any trial of the cell; never rendered as 0. */
export const NOT_MEASURED = 'not measured';

const BYTES_PER_MEBIBYTE = 1024 ** 2;

/** Outcomes that mean the stop itself went wrong are set in bold so they stand out in a long table. */
const ALARMING: ReadonlySet<TrialOutcome> = new Set(['hung', 'errored']);

/**
 * Each outcome that occurred as `k/n` trials; hung trials also say in which phase, an escalating stop by which step
 * it ended, and a cell with several trials the leak rate.
 */
export function formatOutcomes(cell: CellSummary): string {
  const outcomes = OUTCOMES.filter((outcome) => cell.outcomes[outcome] > 0)
    .map((outcome) => {
      const name = ALARMING.has(outcome) ? `**${outcome}**` : outcome;
      const phases = outcome === 'hung' ? ` (in ${cell.hungPhases.join(', ')})` : '';
      return `${name} ${cell.outcomes[outcome]}/${cell.trials}${phases}`;
    })
    .join(', ');
  return outcomes + formatEndedBy(cell) + formatLeakRate(cell) + formatLifetimes(cell);
}

/**
 * Whether what the leaked trials left went away by itself after the stop (`; gone by itself within 1.2 s`) or stayed
 * (`; still there 2.5 s after the stop`): said only where a process of the trial was left to watch.
 */
export function formatLifetimes({ lifetimes, outcomes }: CellSummary): string {
  const { watched, wentAway, longestGoneMs, stayed, longestWatchMs } = lifetimes;
  if (watched === 0) return '';
  const gone = wentAway === 0 || longestGoneMs === null ? null : `gone by itself within ${formatSeconds(longestGoneMs)}`;
  const kept = stayed === 0 || longestWatchMs === null ? null : `still there ${formatSeconds(longestWatchMs)} after the stop`;
  if (gone === null && kept === null) return '';
  if (kept === null) return `; ${gone}`;
  if (gone === null) return `; ${kept}`;
  return `; ${gone} in ${wentAway}/${outcomes.leaked}, ${kept} in ${stayed}/${outcomes.leaked}`;
}

/** Descriptors left, with the worst trial's split by kind (file, socket, pipe, other). */
export function formatFds(tally: ProbeTally<FdLeftovers> | null): string {
  return formatProbe(tally, (worst) => {
    const kinds = FD_KINDS.filter((kind) => worst.byKind[kind] > 0).map((kind) => `${worst.byKind[kind]} ${kind}`);
    return ` (${kinds.join(', ')})`;
  });
}

/** Files left in the trial directory, and of the worst trial those outside it, by path (how each was tied to the trial). */
export function formatTempFiles(tally: ProbeTally<TempFileLeftovers> | null): string {
  return formatProbe(tally, (worst) => {
    if (worst.outside.length === 0) return '';
    const paths = worst.outside.map((file) => `${renderInlineCode(file.path)} (${file.attributedBy})`).join(', ');
    return `; outside the trial directory: ${paths}`;
  });
}

/**
 * Surviving processes, how many were orphaned, and how many the trial's marker alone would have missed; zombies are
 * dead, so not survivors, but named when there were any.
 */
export function formatProcesses(cell: CellSummary): string {
  const details = [
    formatProbe(cell.leftovers.processes),
    cell.maxOrphaned !== null && cell.maxOrphaned > 0 ? `orphaned: max ${cell.maxOrphaned}` : null,
    cell.maxUnmarked !== null && cell.maxUnmarked > 0 ? `without the marker: max ${cell.maxUnmarked}` : null,
    cell.maxZombies !== null && cell.maxZombies > 0 ? `zombies: max ${cell.maxZombies}` : null,
  ];
  return details.filter((detail) => detail !== null).join('; ');
}

/**
 * The host's largest RSS growth from before to after the stop. RSS is noisy, so growth is set in bold (with how
 * many trials grew past the threshold) only beyond the threshold; the raw figure is shown either way.
 */
export function formatMemory(tally: ProbeTally<MemoryLeftovers> | null): string {
  if (tally === null) return NOT_MEASURED;
  const { worst } = tally;
  const growth = formatGrowth(worst.grownBytes);
  const rate = describeRate(tally.withLeftovers, tally.measured);
  const over = `${tally.withLeftovers}/${tally.measured} over ${formatMebibytes(worst.thresholdBytes)}${rate === null ? '' : `, ${rate}`}`;
  const flagged = tally.withLeftovers > 0 ? `**${growth}** (${over})` : growth;
  const held = worst.heldAtReadyBytes ?? 0;
  const heldAtReady = held > worst.thresholdBytes ? `; held ${formatMebibytes(held)} at ready` : '';
  return `${tally.measured > 1 ? 'max ' : ''}${flagged}${heldAtReady}`;
}

/** A count with its noun, plural when it is not 1: `1 trial`, `3 trials`. */
export function formatCleanup(cell: CellSummary): string {
  return cell.cleanupMeasured === 0 ? NOT_MEASURED : `${cell.cleanupRan}/${cell.cleanupMeasured}`;
}

/**
 * `k/n`: trials that left something out of trials measured, then the largest total one trial left. The interval
 * is shown only where something was found; for a clean column the outcome's leak rate already carries it.
 */
function formatProbe<Found extends Leftover>(tally: ProbeTally<Found> | null, describeWorst: (worst: Found) => string = () => ''): string {
  if (tally === null) return NOT_MEASURED;
  if (tally.worst.total === 0) return `${tally.withLeftovers}/${tally.measured}`;
  return `${formatRate(tally.withLeftovers, tally.measured)}, max ${tally.worst.total}${describeWorst(tally.worst)}`;
}

/** Only when a step other than the kill style itself ended the work (abort-then-force's `abort` or `force`). */
function formatEndedBy(cell: CellSummary): string {
  const steps = Object.entries(cell.endedBy);
  if (steps.every(([step]) => step === cell.kill)) return '';
  return `; ended by ${steps.map(([step, trials]) => `${step} ${trials}`).join(', ')}`;
}

/**
 * Of the trials the kill ended (stopped or leaked), how many left something behind, with its 95% interval: hung and
 * errored trials are not counted, a stop that never ended cannot be said to have leaked or not. Only when n > 1.
 */
function formatLeakRate(cell: CellSummary): string {
  const ended = cell.outcomes.stopped + cell.outcomes.leaked;
  return ended > 1 ? `; leak rate ${formatRate(cell.outcomes.leaked, ended)}` : '';
}

/** A change of memory, signed, so growth and memory given back read apart. */
export function formatGrowth(bytes: number): string {
  return `${bytes >= 0 ? '+' : ''}${formatMebibytes(bytes)}`;
}

/** Memory in MiB with one decimal, the precision RSS noise allows. */
export function formatMebibytes(bytes: number): string {
  return `${(bytes / BYTES_PER_MEBIBYTE).toFixed(1)} MiB`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Seconds to a tenth, without trailing zeros: `1 s`, `0.5 s`. */
export function formatSeconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(1))} s`;
}

import type { Leftover } from '../probes/probe.ts';
import type { Leftovers } from '../probes/probes.ts';
import type { CellKey } from '../record/cell-key.ts';
import { cellId, type HungTrial, type StoppedTrial, type TrialOutcome, type TrialResult } from '../record/trial-result.ts';
import { type LeftoverTally, tallyLeftoverKinds } from './leftover-kinds.ts';
import { countOutcomes, findWorstOutcome } from './outcomes.ts';
import { type CheckSummary, summarizeChecks } from './summarize-checks.ts';
import { type KillPointSummary, summarizeKillPoints } from './summarize-kill-points.ts';
import { type StopSummary, summarizeStops } from './summarize-stops.ts';
import { type LifetimeSummary, summarizeLifetimes } from './summarize-lifetimes.ts';
import { type ParentSummary, summarizeParent } from './summarize-parent.ts';

/** What one probe found across a cell's trials; the cell holds null instead when no trial measured it. */
export interface ProbeTally<Found extends Leftover> {
  /** Trials in which the probe could read. */
  readonly measured: number;
  /** Trials in which it found something (total > 0). */
  readonly withLeftovers: number;
  /** The measured leftover that ranks highest (by total, memory by growth; the first on ties): its total is the cell's maximum. */
  readonly worst: Found;
}

export type LeftoverTallies = { [Name in keyof Leftovers]: ProbeTally<NonNullable<Leftovers[Name]>> | null };

/** Everything the report shows about one cell, computed from its recorded trials only. */
export interface CellSummary extends CellKey, StopSummary, CheckSummary {
  readonly trials: number;
  readonly outcomes: Record<TrialOutcome, number>;
  /** The worst outcome of any trial: how the grid draws the cell and how runtimes compare it. */
  readonly worst: TrialOutcome;
  /** Hung trials whose work never became ready: the kill was never applied, so they say nothing of the stop either. */
  readonly hungAtStart: number;
  /** The reason, when every trial of the cell is not applicable. */
  readonly notApplicable: string | null;
  /** Errored trials and what went wrong. */
  readonly errors: { readonly trial: number; readonly error: string }[];
  /** The phases in which trials hung, without repeats. */
  readonly hungPhases: HungTrial['phase'][];
  /** Trials that reached the probes (stopped, leaked, hung); errored and not-applicable trials did not. */
  readonly probed: number;
  /** Trials the kill ended (stopped, leaked): the leftovers, cleanup and checks below are read from these alone. */
  readonly ended: number;
  readonly leftovers: LeftoverTallies;
  /** What the ended trials left, by kind and name: only from them, a hung worker still holds everything it had. */
  readonly kinds: readonly LeftoverTally[];
  /** Whether what the leaked trials left went away by itself after the stop, or stayed. */
  readonly lifetimes: LifetimeSummary;
  /** The most unreaped zombies one trial left; null when the processes probe measured no trial. */
  readonly maxZombies: number | null;
  /** The most orphaned survivors (re-parented away from the trial) one trial left; null as for maxZombies. */
  readonly maxOrphaned: number | null;
  /** The most survivors one trial left that do not carry the trial's marker (found by cgroup, ancestry or session); null as for maxZombies. */
  readonly maxUnmarked: number | null;
  /** Ended trials whose workload marked its cleanup as run. */
  readonly cleanupRan: number;
  /** The ended trials whose cleanup could be observed at all; cleanupRan counts among them. */
  readonly cleanupMeasured: number;
  /** Where the kills of the probed trials were aimed, and whether a targeted kill landed in its section. */
  readonly killPoints: KillPointSummary;
  /** Whether a parent using the runtime the usual way could go on after the stops, and what held it; null where none was watched. */
  readonly parent: ParentSummary | null;
}

type MeasuredTrial = StoppedTrial | HungTrial;
type CellResults = [TrialResult, ...TrialResult[]];

/** Groups results into cells in the order they were recorded, which is the plan's order, and summarizes each. */
export function summarizeCells(results: readonly TrialResult[]): CellSummary[] {
  const cells = new Map<string, CellResults>();
  for (const result of results) {
    const id = cellId(result);
    const cell = cells.get(id);
    if (cell === undefined) cells.set(id, [result]);
    else cell.push(result);
  }
  return [...cells.values()].map(summarizeCell);
}

function summarizeCell(results: CellResults): CellSummary {
  const [{ workload, kill, runtime, engine }] = results;
  const measured = results.filter((result): result is MeasuredTrial => 'leftovers' in result);
  const stopped = measured.filter((result): result is StoppedTrial => result.stopMs !== null);
  // What a stop left is read from the trials it ended: a hung trial's work still holds all it had (Node's own
  // descriptors among them), which says the stop failed, and the outcome column says so apart.
  const processes = stopped.flatMap((result) => (result.leftovers.processes === null ? [] : [result.leftovers.processes]));
  return {
    workload,
    kill,
    runtime,
    ...(engine === undefined ? {} : { engine }),
    trials: results.length,
    outcomes: countOutcomes(results),
    worst: findWorstOutcome(countOutcomes(results)),
    hungAtStart: measured.filter((result) => result.outcome === 'hung' && result.phase === 'start').length,
    notApplicable: findNotApplicableReason(results),
    errors: results.flatMap((result) => (result.outcome === 'errored' ? [{ trial: result.trial, error: result.error }] : [])),
    hungPhases: [...new Set(measured.flatMap((result) => (result.outcome === 'hung' ? [result.phase] : [])))],
    probed: measured.length,
    ended: stopped.length,
    leftovers: {
      fds: tallyProbe(stopped.map((result) => result.leftovers.fds)),
      tempFiles: tallyProbe(stopped.map((result) => result.leftovers.tempFiles)),
      processes: tallyProbe(processes),
      memory: tallyProbe(
        stopped.map((result) => result.leftovers.memory),
        (found) => found.grownBytes,
      ),
      sockets: tallyProbe(stopped.map((result) => result.leftovers.sockets)),
      locks: tallyProbe(stopped.map((result) => result.leftovers.locks)),
    },
    kinds: tallyLeftoverKinds(stopped),
    lifetimes: summarizeLifetimes(stopped),
    maxZombies: findMax(processes, (found) => found.zombies),
    maxOrphaned: findMax(processes, (found) => found.survivors.filter((survivor) => survivor.orphaned).length),
    maxUnmarked: findMax(processes, (found) => found.survivors.filter((survivor) => !survivor.foundBy.includes('marker')).length),
    cleanupRan: stopped.filter((result) => result.cleanupRan === true).length,
    cleanupMeasured: stopped.filter((result) => result.cleanupRan !== null).length,
    killPoints: summarizeKillPoints(measured),
    parent: summarizeParent(measured),
    ...summarizeStops(stopped),
    ...summarizeChecks(stopped),
  };
}

function findNotApplicableReason(results: readonly TrialResult[]): string | null {
  const [first] = results;
  const allNotApplicable = results.every((result) => result.outcome === 'not-applicable');
  return allNotApplicable && first?.outcome === 'not-applicable' ? first.reason : null;
}

/**
 * null entries are trials the probe could not measure; if none measured, the tally is null ("not measured"), never 0.
 * `rank` picks the worst trial; it must grow with `total` (memory's total is 0 or 1, so it ranks by raw growth).
 */
function tallyProbe<Found extends Leftover>(found: readonly (Found | null)[], rank = (entry: Found) => entry.total): ProbeTally<Found> | null {
  const measured = found.filter((entry): entry is Found => entry !== null);
  const [first, ...rest] = measured;
  if (first === undefined) return null;
  return {
    measured: measured.length,
    withLeftovers: measured.filter((entry) => entry.total > 0).length,
    worst: rest.reduce((worst, entry) => (rank(entry) > rank(worst) ? entry : worst), first),
  };
}

function findMax<Found>(found: readonly Found[], count: (entry: Found) => number): number | null {
  return found.length === 0 ? null : Math.max(...found.map(count));
}

import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import type { WorkloadEntry } from '../record/run-record.ts';
import { type Language, languageOf, type RuntimeName } from '../runtime/runtime.ts';
import { LEFTOVER_KINDS } from './leftover-kinds.ts';
import type { CellSummary } from './summarize-cell.ts';

/** Kill styles that are faults or deaths, not a stop a caller chooses: never recommended, never listed to avoid. */
const NOT_CHOSEN: ReadonlySet<KillStyleName> = new Set(['crash', 'exit', 'host-death', 'daemon-exit']);

/** What one stop did to one workload in one runtime, as a recommendation weighs it. */
export interface StopEvidence {
  readonly stop: KillStyleName;
  /** Trials that reached the probes: stopped, leaked or hung. */
  readonly trials: number;
  /** Of them, trials that ended the work and left nothing. */
  readonly leftNothing: number;
  readonly leaked: number;
  /** Trials whose work had not ended within the stop timeout. */
  readonly hung: number;
  /** Trials that could not run; counted apart, they say nothing of the stop. */
  readonly errored: number;
  /** Of the ended trials whose cleanup could be seen, how many ran it; null when none could. */
  readonly cleanupRan: { readonly k: number; readonly n: number } | null;
  /** Median stopMs of the stops no other lane's harness work overlapped; null when not measured. */
  readonly stopMs: number | null;
  /** What the leaked trials left, by kind (`temp files`, `processes`). */
  readonly left: readonly string[];
}

/** A stop not to use for a workload in a runtime, and why. */
export interface Avoided {
  readonly stop: KillStyleName;
  readonly because: string;
  readonly evidence: StopEvidence;
}

/** The stop to use for one workload in one runtime (of one Node.js, in a run across versions), with its evidence. */
export interface Recommendation {
  readonly workload: string;
  /** false for the user's own workload (a path given to --workload or --task), which the report lists first. */
  readonly builtIn: boolean;
  readonly runtime: RuntimeName;
  readonly language: Language;
  /** The Node.js major the hosts ran on, in a run across versions. */
  readonly engine?: string;
  readonly stop: KillStyleName;
  /** Whether the stop ended the work and left nothing in every trial; false means no stop of this runtime did. */
  readonly leftNothing: boolean;
  readonly because: string;
  readonly evidence: StopEvidence;
  /** Every stop that hung or left something in a larger share of its trials than the one to use, worst last. */
  readonly avoid: readonly Avoided[];
  /** Other stops exactly as good on what they left and whether they hung. */
  readonly alsoGood: readonly KillStyleName[];
  /** Whether the workload ran in several runtimes of its language and this one's stop did at least as well as every other's. */
  readonly bestRuntime: boolean;
}

/**
 * Per workload and runtime, the stop to use: ranked by the share of trials it hung, then the share it left something,
 * then errored, then cleanup ran (more is better), then stop latency. So a stop that hung or leaked is never
 * recommended where another stop of that runtime left nothing; where none did, the least bad is named as such.
 */
export function recommendStops(cells: readonly CellSummary[], workloads: readonly WorkloadEntry[], engine: string | null): Recommendation[] {
  const order = [...workloads].sort((a, b) => Number(a.source === 'built-in') - Number(b.source === 'built-in'));
  const picks = order.flatMap((workload) => {
    const runtimes = [...new Set(cells.filter((cell) => cell.workload === workload.name).map((cell) => cell.runtime))];
    return runtimes.flatMap((runtime) => {
      const candidates = cells.filter((cell) => cell.workload === workload.name && cell.runtime === runtime).flatMap(gatherEvidence);
      const [best, ...rest] = candidates.sort(compareEvidence);
      return best === undefined ? [] : [recommend(workload, runtime, engine, [best, ...rest])];
    });
  });
  return picks.map((pick) => ({ ...pick, bestRuntime: isBestRuntime(pick, picks) }));
}

/** Negative when `a` is the better stop. */
export function compareEvidence(a: StopEvidence, b: StopEvidence): number {
  return (
    a.hung / a.trials - b.hung / b.trials ||
    a.leaked / a.trials - b.leaked / b.trials ||
    a.errored / (a.trials + a.errored) - b.errored / (b.trials + b.errored) ||
    shareOf(b.cleanupRan) - shareOf(a.cleanupRan) ||
    (a.stopMs ?? Number.POSITIVE_INFINITY) - (b.stopMs ?? Number.POSITIVE_INFINITY) ||
    0
  );
}

function gatherEvidence(cell: CellSummary): StopEvidence[] {
  const { stopped, leaked, hung, errored } = cell.outcomes;
  if (NOT_CHOSEN.has(cell.kill) || stopped + leaked + hung === 0) return [];
  return [
    {
      stop: cell.kill,
      trials: stopped + leaked + hung,
      leftNothing: stopped,
      leaked,
      hung,
      errored,
      cleanupRan: cell.cleanupMeasured === 0 ? null : { k: cell.cleanupRan, n: cell.cleanupMeasured },
      stopMs: cell.stopMs?.median ?? null,
      left: cell.kinds.filter((tally) => tally.trials > 0).map((tally) => LEFTOVER_KINDS[tally.kind].label),
    },
  ];
}

function recommend(
  workload: WorkloadEntry,
  runtime: RuntimeName,
  engine: string | null,
  [best, ...rest]: readonly [StopEvidence, ...StopEvidence[]],
): Omit<Recommendation, 'bestRuntime'> {
  const leftNothing = best.hung === 0 && best.leaked === 0;
  return {
    workload: workload.name,
    builtIn: workload.source === 'built-in',
    runtime,
    language: languageOf(runtime),
    ...(engine === null ? {} : { engine }),
    stop: best.stop,
    leftNothing,
    because: leftNothing ? describeEvidence(best) : `no stop left nothing here; the least bad ${describeEvidence(best)}`,
    evidence: best,
    avoid: rest.filter((other) => compareSafety(other, best) > 0).map((other) => ({ stop: other.stop, because: describeFailure(other), evidence: other })),
    alsoGood: rest.filter((other) => compareSafety(other, best) === 0).map((other) => other.stop),
  };
}

/** `ended the work and left nothing in 2/2 trials, cleanup ran 2/2, median stop 8.3 ms`. */
export function describeEvidence(evidence: StopEvidence): string {
  const { trials, leftNothing, hung, leaked } = evidence;
  const ended = hung === 0 && leaked === 0 ? `ended the work and left nothing in ${leftNothing}/${trials} trials` : describeFailure(evidence);
  const cleanup = evidence.cleanupRan === null ? [] : [`cleanup ran ${evidence.cleanupRan.k}/${evidence.cleanupRan.n}`];
  const latency = evidence.stopMs === null ? [] : [`median stop ${evidence.stopMs.toFixed(1)} ms`];
  const errored = evidence.errored === 0 ? [] : [`errored ${evidence.errored} (not counted)`];
  return [ended, ...cleanup, ...latency, ...errored].join(', ');
}

/** `hung 2/2`, `left temp files, processes in 2/2`, or both. */
export function describeFailure({ trials, hung, leaked, left }: StopEvidence): string {
  const parts = [
    ...(hung > 0 ? [`hung ${hung}/${trials}`] : []),
    ...(leaked > 0 ? [`left ${left.length === 0 ? 'something' : left.join(', ')} in ${leaked}/${trials}`] : []),
  ];
  return parts.join(', ');
}

function isBestRuntime(pick: Omit<Recommendation, 'bestRuntime'>, picks: readonly Omit<Recommendation, 'bestRuntime'>[]): boolean {
  const rivals = picks.filter((other) => other.workload === pick.workload && other.language === pick.language);
  return rivals.length > 1 && rivals.every((other) => compareSafety(pick.evidence, other.evidence) <= 0);
}

/** Compares what two stops left and whether they hung, nothing finer: a thread is not "better" for 1 ms. */
function compareSafety(a: StopEvidence, b: StopEvidence): number {
  return a.hung / a.trials - b.hung / b.trials || a.leaked / a.trials - b.leaked / b.trials;
}

function shareOf(share: StopEvidence['cleanupRan']): number {
  return share === null ? -1 : share.k / share.n;
}

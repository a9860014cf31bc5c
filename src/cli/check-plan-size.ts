import { describeBadValue, UsageError } from '../errors/usage-error.ts';
import { killStyleOf } from '../kill-styles/kill-styles.ts';
import { sequenceWaitMs } from '../kill-styles/stop-steps.ts';
import { planTrials, type TrialPlanInput } from '../run/plan-trials.ts';
import { DEFAULTS } from './parse-arguments.ts';
import { formatDuration } from './progress.ts';

/**
 * What a trial costs besides the waits its plan sets (its kill point): the default matrix's 614 results took
 * 2 min 46 s on 2 lanes (README, Benchmark), about 0.54 s per result and lane.
 */
const TRIAL_MS = 500;
/** A plan expected to take longer than this is run only when asked for (--yes): an hour, past a coffee and a CI job's patience. */
export const LONG_PLAN_MS = 60 * 60 * 1000;

/** The plan as the check reads it: the trials' plan, across how many Node.js versions and lanes. */
export interface PlanSize extends TrialPlanInput {
  readonly concurrency: number;
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly graceMs: number;
  /** How many engines every cell runs on (--engine, --node), 1 without. */
  readonly versions: number;
}

/** Which option made the plan long, and its value: the one a refusal names. */
type Cause = { flag: string; value: number | string };

/**
 * Refuses, before anything starts, a plan that would take hours unless --yes says to run it anyway: a typo'd
 * `--trials 1000000` must not start a run that ends next year. Estimated from one trial per cell, so a huge plan costs
 * no more to estimate than a small one.
 */
export function checkPlanSize(plan: PlanSize, yes: boolean): void {
  const { shard } = plan;
  if (shard !== null && planTrials({ ...plan, trials: 1 }).length === 0) {
    const cells = planTrials({ ...plan, trials: 1, shard: null }).length;
    throw new UsageError(
      describeBadValue(
        '--shard value',
        `${shard.index}/${shard.count}`,
        `the plan has ${cells} cell(s), so shard ${shard.index} holds none; allowed: at most ${cells} shards`,
      ),
    );
  }
  if (yes) return;
  const allowed = `allowed: at most ${formatDuration(LONG_PLAN_MS)}, or --yes to run it anyway`;
  const { trials, ms, cause } = estimatePlan(plan);
  if (ms > LONG_PLAN_MS) {
    const size = `${trials} trials would take about ${formatDuration(ms)} on ${plan.concurrency} lane(s)`;
    throw new UsageError(describeBadValue(`${cause.flag} value`, String(cause.value), `the plan's ${size}; ${allowed}`));
  }
  const worst = estimateWorstTrial(plan);
  if (worst.ms > LONG_PLAN_MS) {
    const what = `one trial that never becomes ready, or never stops, would take about ${formatDuration(worst.ms)}`;
    throw new UsageError(describeBadValue(`${worst.cause.flag} value`, String(worst.cause.value), `${what}; ${allowed}`));
  }
}

/**
 * The longest one trial can take: every wait the options allow it, the start timeout, the longest planned sequence's
 * waits (its tool's, or --grace) and the stop timeout that follows them.
 */
export function estimateWorstTrial(plan: PlanSize): { ms: number; cause: Cause } {
  const waits: Array<{ ms: number; cause: Cause }> = [
    { ms: plan.startTimeoutMs, cause: { flag: '--start-timeout', value: plan.startTimeoutMs } },
    { ms: plan.killDelayMaxMs, cause: { flag: '--kill-delay', value: plan.killDelayMaxMs } },
    ...findLongestSequence(plan),
    { ms: plan.stopTimeoutMs, cause: { flag: '--stop-timeout', value: plan.stopTimeoutMs } },
  ];
  const { cause } = waits.reduce((largest, wait) => (wait.ms > largest.ms ? wait : largest));
  return { ms: waits.reduce((sum, wait) => sum + wait.ms, 0), cause };
}

/** The planned sequence that waits longest, named by --grace when its waits are all --grace's. */
function findLongestSequence(plan: PlanSize): Array<{ ms: number; cause: Cause }> {
  const sequences = plan.kills.flatMap((kill) => {
    const { steps } = killStyleOf(kill);
    if (steps === undefined) return [];
    const cause = sequenceWaitMs(steps, 0) === 0 ? { flag: '--grace', value: plan.graceMs } : { flag: '--kill', value: kill };
    return [{ ms: sequenceWaitMs(steps, plan.graceMs), cause }];
  });
  return sequences.length === 0 ? [] : [sequences.reduce((longest, sequence) => (sequence.ms > longest.ms ? sequence : longest))];
}

/** Trials and wall time of the whole plan: per trial its fixed cost and its kill point's wait, spread over the lanes. */
export function estimatePlan(plan: PlanSize): { trials: number; ms: number; cause: Cause } {
  const cells = planTrials({ ...plan, trials: 1 }).filter((trial) => trial.killPoint !== null);
  const trials = cells.length * plan.trials * plan.versions;
  let delayMs = 0;
  let deadlineMs = 0;
  for (const { killPoint } of cells) {
    if (killPoint?.kind === 'deadline') deadlineMs += killPoint.afterStartMs;
    // A drawn delay (or a section's) is uniform from 0 to --kill-delay.
    else delayMs += plan.killDelayMaxMs / 2;
  }
  const ms = (trials * TRIAL_MS + (delayMs + deadlineMs) * plan.trials * plan.versions) / Math.max(1, plan.concurrency);
  return { trials, ms, cause: findCause(plan) };
}

/** The defaults of the options a plan's length grows with: a refusal names the one furthest above its own. */
const GROWS_WITH = { '--trials': DEFAULTS.trials, '--kill-delay': DEFAULTS.killDelayMaxMs, '--deadline': DEFAULTS.deadlineMs } as const;

/** The option that made the plan long: of those it grows with, the one furthest above its default (the trials on a tie). */
function findCause(plan: PlanSize): Cause {
  const values = { '--trials': plan.trials, '--kill-delay': plan.killDelayMaxMs, '--deadline': plan.deadlineMs };
  const growth = (flag: keyof typeof GROWS_WITH) => values[flag] / Math.max(1, GROWS_WITH[flag]);
  const flag = (Object.keys(GROWS_WITH) as (keyof typeof GROWS_WITH)[]).reduce((largest, next) => (growth(next) > growth(largest) ? next : largest));
  return { flag, value: values[flag] };
}

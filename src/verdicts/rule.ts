import type { BuiltInKillStyleName } from '../kill-styles/kill-styles.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { FigureName } from './trial-figures.ts';
import type { TestName } from './trial-tests.ts';
import type { ScopeName } from './workload-scopes.ts';

/**
 * How the run answers a claim; `about equal` when most of a comparison's pairs came out even; `not measured` when it
 * holds no trial that the rule selects.
 */
export const CLAIM_VERDICTS = ['confirmed', 'refuted', 'partly true', 'about equal', 'not measured'] as const;
export type ClaimVerdict = (typeof CLAIM_VERDICTS)[number];

/** How the run weighs a tradeoff between two stops: which side came out ahead in most pairs, on the figure the rule compares. */
export const TRADEOFF_VERDICTS = ['first ahead', 'second ahead', 'mixed', 'about equal', 'not measured'] as const;
export type TradeoffVerdict = (typeof TRADEOFF_VERDICTS)[number];

/**
 * "Most", defined once: a comparison's verdict names a side ahead (a claim confirmed or refuted) only when that side
 * came out ahead in more than this share of its compared pairs, and reads `about equal` when more than this share
 * were even; otherwise it is `mixed` (a claim `partly true`).
 */
export const MOST = 0.5;

/**
 * Which trials a rule reads: the cells of some kill styles in one runtime, for the workloads of a scope, and of those
 * cells the trials that ended (stopped or leaked), that did not error, or every measured one.
 */
export interface Selection {
  readonly kills: readonly BuiltInKillStyleName[];
  readonly runtime: RuntimeName;
  readonly scope: ScopeName;
  readonly trials: 'ended' | 'measured' | 'not errored';
  /** Only the trials whose work was doing this when the stop arrived (see TrialResult.workAtStop). */
  readonly workAtStop?: 'in-system-call' | 'not in a system call';
}

/** A share: of the selected trials where the test can be read, how many it holds for. */
export interface Share {
  readonly select: Selection;
  readonly test: TestName;
}

/** A figure compared between two selections: a share of a test, or the median of a figure. */
export type Measure = { readonly share: TestName } | { readonly median: FigureName };

interface RuleText {
  /** Stable, for results.json and tests: `forced-kill-leaves-files`. */
  readonly id: string;
  /** The claim as articles make it, or what the tradeoff weighs. */
  readonly statement: string;
  /** What the claim means for Node.js worker threads and child processes, and what the rule therefore reads. */
  readonly nodeReading: string;
}

/**
 * A claim decided by one share: the test holds in every selected trial, in none, or in some. `also` adds shares the
 * report states beside it (the other runtime, a stop that does better) without deciding anything.
 */
export interface ShareClaim extends RuleText {
  readonly kind: 'claim';
  readonly shape: 'share';
  readonly share: Share;
  readonly verdicts: { readonly all: ClaimVerdict; readonly none: ClaimVerdict; readonly some: ClaimVerdict };
  readonly also?: readonly Share[];
}

/** Two sides, each a selection and a label, compared on one or more measures. */
export interface Comparison {
  readonly first: { readonly label: string; readonly select: Selection };
  readonly second: { readonly label: string; readonly select: Selection };
  readonly measures: readonly Measure[];
  /** Measures stated beside the deciding ones, without a vote (RSS beside PSS: it counts pages a thread shares). */
  readonly alsoMeasures?: readonly Measure[];
  /** `workload`: compared workload by workload, over the workloads both sides measured; `pooled`: over all trials. */
  readonly pairing: 'workload' | 'pooled';
  /** Which side comes out ahead when its figure is lower (less left behind, a faster stop) or higher. */
  readonly better: 'lower' | 'higher';
  /**
   * Weigh a stop that did not end the work before anything it measured: the sides select every probed trial, a side
   * that hung in a larger share of them is behind, and the measures are read from the trials each side ended. Without
   * it, a stop that usually hangs could look best on the few trials it ended.
   */
  readonly hungFirst?: true;
}

/**
 * A claim decided by a comparison: `all` when the second side came out ahead in most compared pairs, `none` when the
 * first did, `some` otherwise, and `about equal` when most pairs were even (see MOST).
 */
export interface ComparisonClaim extends RuleText {
  readonly kind: 'claim';
  readonly shape: 'comparison';
  readonly comparison: Comparison;
  readonly verdicts: { readonly all: ClaimVerdict; readonly none: ClaimVerdict; readonly some: ClaimVerdict };
}

/** A tradeoff: a comparison whose verdict says which side came out ahead. */
export interface TradeoffRule extends RuleText {
  readonly kind: 'tradeoff';
  readonly shape: 'comparison';
  readonly comparison: Comparison;
}

export type Rule = ShareClaim | ComparisonClaim | TradeoffRule;

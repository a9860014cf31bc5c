import type { RunRecord } from '../record/run-record.ts';
import { computeWilsonInterval, type RateInterval } from '../statistics/wilson-interval.ts';
import { summarizeSamples } from '../statistics/summarize-samples.ts';
import type { CellKey } from '../record/cell-key.ts';
import { type ClaimVerdict, type Comparison, type Measure, MOST, type Rule, type Selection, type Share, type TradeoffVerdict } from './rule.ts';
import { TRIAL_FIGURES } from './trial-figures.ts';
import { type ReadTrial, TRIAL_TESTS } from './trial-tests.ts';
import { readWorkAtStop } from './work-at-stop.ts';
import { WORKLOAD_SCOPES } from './workload-scopes.ts';

/** A share as the run measured it: of n trials that could answer the test, k for which it held. */
export interface MeasuredShare {
  readonly select: Selection;
  readonly test: Share['test'];
  /** The workloads the scope chose, whether or not they had trials here. */
  readonly workloads: readonly string[];
  /** The cells the counted trials came from, in the order they ran. */
  readonly cells: readonly CellKey[];
  readonly k: number;
  readonly n: number;
  /** The rate with its 95% Wilson interval; null without trials. */
  readonly interval: RateInterval | null;
}

/**
 * One side's figure in a compared pair: a share (k/n) or a median over `count` trials; in a comparison that weighs
 * hangs first, also how many of its trials hung, and then the figure is read from the trials it ended (n or count 0,
 * median null, when it ended none).
 */
export type SideFigure = ({ readonly k: number; readonly n: number } | { readonly median: number | null; readonly count: number }) & {
  readonly hung?: { readonly k: number; readonly n: number };
};

/** One compared pair: a workload (or every trial, pooled) on one measure. */
export interface ComparedPair {
  readonly workload: string | null;
  readonly measure: Measure;
  readonly first: SideFigure;
  readonly second: SideFigure;
  /** Which side came out ahead on this pair, by the rule's `better`; `even` when the figures are equal. */
  readonly ahead: 'first' | 'second' | 'even';
}

/** Of `pairs` compared pairs, how many each side came out ahead in, and how many were even. */
export interface Tally {
  readonly first: number;
  readonly second: number;
  readonly even: number;
  readonly pairs: number;
}

/** What a rule found in a run: its verdict, how many trials it rests on, and the figures behind it. */
export interface RuleOutcome {
  readonly id: string;
  readonly kind: Rule['kind'];
  readonly verdict: ClaimVerdict | TradeoffVerdict;
  /** The trials the verdict rests on, and how many workloads they cover. */
  readonly sample: { readonly trials: number; readonly workloads: number };
  /** The deciding share first (share rules), then the shares stated beside it. */
  readonly shares: readonly MeasuredShare[];
  readonly pairs: readonly ComparedPair[];
  /** How the pairs came out: the side ahead in each, counted; what the verdict of a comparison is read from. */
  readonly tally: Tally | null;
  /** Pairs of the measures stated without a vote. */
  readonly alsoPairs: readonly ComparedPair[];
}

/** Every rule of the table against one run, in table order. */
export function evaluateRules(rules: readonly Rule[], record: RunRecord): RuleOutcome[] {
  const trials = record.results.filter((result): result is ReadTrial => result.outcome !== 'not-applicable');
  return rules.map((rule) => evaluateRule(rule, trials));
}

export function evaluateRule(rule: Rule, trials: readonly ReadTrial[]): RuleOutcome {
  if (rule.shape === 'share') {
    const [decisive, ...also] = [rule.share, ...(rule.also ?? [])].map((share) => measureShare(share, trials));
    if (decisive === undefined) throw new Error(`rule ${rule.id} has no share`);
    const verdict =
      decisive.n === 0 ? 'not measured' : decisive.k === decisive.n ? rule.verdicts.all : decisive.k === 0 ? rule.verdicts.none : rule.verdicts.some;
    return { id: rule.id, kind: rule.kind, verdict, sample: sampleOf([decisive]), shares: [decisive, ...also], pairs: [], tally: null, alsoPairs: [] };
  }
  const pairs = comparePairs(rule.comparison, rule.comparison.measures, trials);
  const alsoPairs = comparePairs(rule.comparison, rule.comparison.alsoMeasures ?? [], trials);
  const sides = [rule.comparison.first.select, rule.comparison.second.select].map((select) => measureShare({ select, test: 'ended-work' }, trials));
  const compared = pairs.some((pair) => pair.workload === null)
    ? sides.flatMap((side) => side.cells.map((cell) => cell.workload))
    : pairs.map((pair) => pair.workload);
  const sample = { trials: sides.reduce((sum, side) => sum + side.n, 0), workloads: new Set(compared).size };
  const tally = tallyPairs(pairs);
  const judged = { id: rule.id, kind: rule.kind, sample, shares: [], pairs, tally, alsoPairs };
  if (pairs.length === 0) return { ...judged, verdict: 'not measured' };
  const most = (count: number) => count > MOST * tally.pairs;
  if (rule.kind === 'claim') {
    const verdict = most(tally.even) ? 'about equal' : most(tally.second) ? rule.verdicts.all : most(tally.first) ? rule.verdicts.none : rule.verdicts.some;
    return { ...judged, verdict };
  }
  const verdict = most(tally.even) ? 'about equal' : most(tally.second) ? 'second ahead' : most(tally.first) ? 'first ahead' : 'mixed';
  return { ...judged, verdict };
}

function tallyPairs(pairs: readonly ComparedPair[]): Tally {
  const count = (side: ComparedPair['ahead']) => pairs.filter((pair) => pair.ahead === side).length;
  return { first: count('first'), second: count('second'), even: count('even'), pairs: pairs.length };
}

/** The trials of a selection: its kill styles (every style when it names none) in its runtime, for its scope. */
export function selectTrials(select: Selection, trials: readonly ReadTrial[]): ReadTrial[] {
  const scope = WORKLOAD_SCOPES[select.scope].select(trials, select.runtime);
  return trials.filter(
    (trial) =>
      trial.runtime === select.runtime &&
      (select.kills.length === 0 || (select.kills as readonly string[]).includes(trial.kill)) &&
      scope.has(trial.workload) &&
      keepsTrial(select, trial),
  );
}

function keepsTrial(select: Selection, trial: ReadTrial): boolean {
  if (select.trials === 'ended' && trial.outcome !== 'stopped' && trial.outcome !== 'leaked') return false;
  if (select.trials === 'measured' && trial.outcome === 'errored') return false;
  return select.workAtStop === undefined || readWorkAtStop(trial) === select.workAtStop;
}

function measureShare(share: Share, trials: readonly ReadTrial[]): MeasuredShare {
  const selected = selectTrials(share.select, trials);
  const answers = selected.flatMap((trial) => {
    const answer = TRIAL_TESTS[share.test].test(trial);
    return answer === null ? [] : [{ trial, answer }];
  });
  const k = answers.filter(({ answer }) => answer).length;
  return {
    ...share,
    workloads: [...WORKLOAD_SCOPES[share.select.scope].select(trials, share.select.runtime)],
    cells: uniqueCells(answers.map(({ trial }) => trial)),
    k,
    n: answers.length,
    interval: computeWilsonInterval(k, answers.length),
  };
}

function comparePairs(comparison: Comparison, measures: readonly Measure[], trials: readonly ReadTrial[]): ComparedPair[] {
  const first = selectTrials(comparison.first.select, trials);
  const second = selectTrials(comparison.second.select, trials);
  const groups =
    comparison.pairing === 'pooled'
      ? [null]
      : [...new Set(first.map((trial) => trial.workload))].filter((workload) => second.some((trial) => trial.workload === workload));
  return measures.flatMap((measure) =>
    groups.flatMap((workload) => {
      const ofGroup = (side: readonly ReadTrial[]) => (workload === null ? side : side.filter((trial) => trial.workload === workload));
      const firstFigure = figureOf(measure, ofGroup(first), comparison.hungFirst === true);
      const secondFigure = figureOf(measure, ofGroup(second), comparison.hungFirst === true);
      if (firstFigure === null || secondFigure === null) return [];
      return [{ workload, measure, first: firstFigure, second: secondFigure, ahead: judgePair(firstFigure, secondFigure, comparison.better) }];
    }),
  );
}

function figureOf(measure: Measure, trials: readonly ReadTrial[], hungFirst: boolean): SideFigure | null {
  if (!hungFirst) return measureFigure(measure, trials);
  const measured = trials.filter((trial) => trial.outcome !== 'errored');
  if (measured.length === 0) return null;
  const ended = measured.filter((trial) => trial.outcome !== 'hung');
  const figure = measureFigure(measure, ended);
  // Trials it ended that could not be measured (every stop overlapped): no figure, as without hungFirst.
  if (figure === null && ended.length > 0) return null;
  const read = figure ?? ('share' in measure ? { k: 0, n: 0 } : { median: null, count: 0 });
  return { ...read, hung: { k: measured.length - ended.length, n: measured.length } };
}

function measureFigure(measure: Measure, trials: readonly ReadTrial[]): SideFigure | null {
  if ('share' in measure) {
    const answers = trials.map((trial) => TRIAL_TESTS[measure.share].test(trial)).filter((answer): answer is boolean => answer !== null);
    return answers.length === 0 ? null : { k: answers.filter(Boolean).length, n: answers.length };
  }
  const values = trials.map((trial) => TRIAL_FIGURES[measure.median].value(trial)).filter((value): value is number => value !== null);
  const summary = summarizeSamples(values);
  return summary === null ? null : { median: summary.median, count: values.length };
}

/** A side that hung in a larger share of its trials is behind whatever else it measured; then the figure decides. */
function judgePair(first: SideFigure, second: SideFigure, better: Comparison['better']): ComparedPair['ahead'] {
  const [firstHung, secondHung] = [first.hung, second.hung].map((hung) => (hung === undefined ? 0 : hung.k / hung.n));
  if (firstHung !== secondHung) return (secondHung ?? 0) < (firstHung ?? 0) ? 'second' : 'first';
  const [a, b] = [valueOf(first), valueOf(second)];
  if (a === null || b === null || a === b) return 'even';
  return b < a === (better === 'lower') ? 'second' : 'first';
}

function valueOf(figure: SideFigure): number | null {
  if ('median' in figure) return figure.median;
  return figure.n === 0 ? null : figure.k / figure.n;
}

function sampleOf(shares: readonly MeasuredShare[]): RuleOutcome['sample'] {
  return {
    trials: shares.reduce((sum, share) => sum + share.n, 0),
    workloads: new Set(shares.flatMap((share) => share.cells.map((cell) => cell.workload))).size,
  };
}

function uniqueCells(trials: readonly ReadTrial[]): CellKey[] {
  const seen = new Map<string, CellKey>();
  for (const { workload, kill, runtime } of trials) seen.set(`${workload}\0${kill}\0${runtime}`, { workload, kill, runtime });
  return [...seen.values()];
}

import { TRIAL_FIGURES } from '../verdicts/trial-figures.ts';
import type { ComparedPair, MeasuredShare, RuleOutcome, SideFigure } from '../verdicts/evaluate.ts';
import { type Comparison, type Measure, MOST, type Rule, type Selection } from '../verdicts/rule.ts';
import { TRIAL_TESTS } from '../verdicts/trial-tests.ts';
import { WORKLOAD_SCOPES } from '../verdicts/workload-scopes.ts';
import { citeCells } from './evidence/cite.ts';
import { formatRatio } from './evidence/format-ratio.ts';
import { countOf } from '../text/count-of.ts';
import { capitalize } from './format-cell.ts';
import { formatRate } from './format-rate.ts';
import { formatMilliseconds } from './format-stop.ts';
import { renderInlineCode } from './markdown-syntax.ts';

// Sentences for the rules' outcomes, built from the rule table and the figures the engine measured, never by hand.

/** `**confirmed** (12 trials, 3 workloads)`: the verdict with the sample it rests on. */
export function formatVerdict(rule: Rule, outcome: RuleOutcome): string {
  const verdict = rule.kind === 'tradeoff' ? describeTradeoffVerdict(rule.comparison, outcome.verdict) : outcome.verdict;
  if (outcome.verdict === 'not measured') return `**${verdict}**`;
  return `**${verdict}** (${countOf(outcome.sample.trials, 'trial')}, ${countOf(outcome.sample.workloads, 'workload')})`;
}

/** The evidence lines of one outcome: each share, or each compared pair and a line that counts them. */
export function describeEvidence(rule: Rule, outcome: RuleOutcome, workloads: readonly string[]): string[] {
  if (rule.shape === 'share') return outcome.shares.map((share) => describeShare(share, workloads));
  const beside = outcome.alsoPairs.map((pair) => `${describePair(rule.comparison, pair)} (stated, not counted)`);
  return [...describeComparison(rule.comparison, outcome), ...beside];
}

/** The selection in words: `terminate in a thread, workloads that held file descriptors or sockets at ready()`. */
export function describeSelection(select: Selection): string {
  const kills = select.kills.length === 0 ? 'every kill style' : select.kills.map(renderInlineCode).join(', ');
  const trials = { ended: 'the trials it ended', measured: 'every probed trial', 'not errored': 'every trial' }[select.trials];
  const atStop = select.workAtStop === undefined ? '' : `, where the work was ${select.workAtStop} when the stop arrived`;
  return `${kills} in a ${select.runtime}, ${WORKLOAD_SCOPES[select.scope].phrase}, ${trials}${atStop}`;
}

function describeShare(share: MeasuredShare, workloads: readonly string[]): string {
  const where = describeSelection(share.select);
  if (share.n === 0) {
    const scope = share.workloads.length === 0 ? 'the run held none of those workloads' : `no such trial of ${share.workloads.join(', ')} could answer it`;
    return `${capitalize(where)}: not measured (${scope}).`;
  }
  return `${capitalize(where)}: ${formatRate(share.k, share.n)} trials ${TRIAL_TESTS[share.test].phrase} ${citeCells(share.cells, workloads)}.`;
}

/** Shown pairs per outcome: beyond these, results.json has every one. */
const SHOWN_PAIRS = 14;

function describeComparison(comparison: Comparison, { pairs, tally: counted }: RuleOutcome): string[] {
  const { first, second } = comparison;
  const intro = `${capitalize(first.label)} (${describeSelection(first.select)}) against ${second.label} (${describeSelection(second.select)}).`;
  if (counted === null || pairs.length === 0) return [intro, 'Not measured: no workload had trials on both sides.'];
  const lines = pairs.map((pair) => `${describePair(comparison, pair)}.`);
  const how =
    comparison.hungFirst === true
      ? 'ahead (fewer hung, then ' + (comparison.better === 'lower' ? 'lower' : 'higher') + ')'
      : comparison.better === 'lower'
        ? 'lower'
        : 'higher';
  const tally = `${capitalize(second.label)} was ${how} in ${counted.second}, ${first.label} in ${counted.first}, and they were even in ${counted.even} of ${countOf(counted.pairs, 'comparison')}; a side is ahead when it was in most of them (more than ${MOST * 100}%), about equal when most were even.`;
  const more = lines.length > SHOWN_PAIRS ? [`…and ${lines.length - SHOWN_PAIRS} more in results.json.`] : [];
  return [intro, tally, ...lines.slice(0, SHOWN_PAIRS), ...more];
}

function describePair({ first, second }: Comparison, pair: ComparedPair): string {
  const who = pair.workload === null ? 'Over all trials' : renderInlineCode(pair.workload);
  return `${who}, ${describeMeasure(pair.measure)}: ${describeSide(pair.first, pair.measure)} for ${first.label}, ${describeSide(pair.second, pair.measure)} for ${second.label}${describeRatio(pair)}`;
}

function describeMeasure(measure: Measure): string {
  return 'share' in measure ? `trials that ${TRIAL_TESTS[measure.share].phrase}` : `median ${TRIAL_FIGURES[measure.median].name}`;
}

/** `0/2`, `5.1 ms (2 trials)`; with `hung 1/3, ` before it in a comparison that weighs hangs first, and only that when none ended. */
function describeSide(figure: SideFigure, measure: Measure): string {
  const hung = figure.hung === undefined ? '' : `hung ${figure.hung.k}/${figure.hung.n}`;
  const measured = describeFigure(figure, measure);
  return [hung, measured].filter(Boolean).join(', of the ended ');
}

function describeFigure(figure: SideFigure, measure: Measure): string {
  if ('k' in figure) return figure.n === 0 ? '' : `${figure.k}/${figure.n}`;
  if (figure.median === null) return '';
  const unit = 'median' in measure ? TRIAL_FIGURES[measure.median].unit : 'ms';
  const value = unit === 'ms' ? formatMilliseconds(figure.median) : figure.median.toFixed(1);
  return `${value} ${unit} (${countOf(figure.count, 'trial')})`;
}

function describeRatio(pair: ComparedPair): string {
  if (!('median' in pair.first) || !('median' in pair.second) || pair.first.median === null || pair.second.median === null) return '';
  const [low, high] = [Math.min(pair.first.median, pair.second.median), Math.max(pair.first.median, pair.second.median)];
  const ratio = formatRatio(high, low);
  return ratio === null ? '' : ` (${ratio})`;
}

function describeTradeoffVerdict(comparison: Comparison, verdict: RuleOutcome['verdict']): string {
  if (verdict === 'first ahead') return `${comparison.first.label} ahead`;
  if (verdict === 'second ahead') return `${comparison.second.label} ahead`;
  return verdict;
}

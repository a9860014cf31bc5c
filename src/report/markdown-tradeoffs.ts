import type { RunPlan } from '../record/run-record.ts';
import { describeEvidence, formatVerdict } from './describe-outcome.ts';
import type { Judged } from '../verdicts/judge-run.ts';
import { LANGUAGE_NAMES } from './markdown-claims.ts';

/** The "Tradeoffs" section: each comparison of the rule table with which side came out ahead, and its figures. */
export function renderTradeoffs(plan: RunPlan, judged: readonly Judged[]): string {
  const workloads = plan.workloads.map((workload) => workload.name);
  const tradeoffs = judged.filter(({ rule, outcome }) => rule.kind === 'tradeoff' && outcome.verdict !== 'not measured');
  const intro =
    'Each comparison below is a rule of the same table as the claims, over this run alone: the same workloads under two stops, figure by figure. ' +
    'What a stop left behind counts only the trials it ended (stopped or leaked); a hung trial is reported as hung, not as leftovers.';
  if (tradeoffs.length === 0) return ['## Tradeoffs', intro, 'This run has none of the cells the rules compare.'].join('\n\n');
  const several = new Set(judged.map((entry) => entry.language)).size > 1;
  const items = tradeoffs.map(({ rule, outcome, language }) =>
    [
      `- **${several ? `${LANGUAGE_NAMES[language]}: ` : ''}${rule.statement}**: ${formatVerdict(rule, outcome)}`,
      ...describeEvidence(rule, outcome, workloads).map((line) => `  - ${line}`),
    ].join('\n'),
  );
  return ['## Tradeoffs', intro, items.join('\n')].join('\n\n');
}

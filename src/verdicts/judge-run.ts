import type { RunRecord } from '../record/run-record.ts';
import { evaluateRules, type RuleOutcome } from './evaluate.ts';
import type { Rule } from './rule.ts';
import { RULES } from './rules.ts';

/** A rule of the table with what it found in a run. */
export interface Judged {
  readonly rule: Rule;
  readonly outcome: RuleOutcome;
}

/** Every rule of the table against the run, in table order: what the report, results.json and CI read. */
export function judgeRun(record: RunRecord, rules: readonly Rule[] = RULES): Judged[] {
  const outcomes = evaluateRules(rules, record);
  return rules.map((rule, position) => ({ rule, outcome: outcomes[position] as RuleOutcome }));
}

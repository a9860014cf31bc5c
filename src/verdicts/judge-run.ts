import type { RunRecord } from '../record/run-record.ts';
import { evaluateRules, type RuleOutcome } from './evaluate.ts';
import type { Rule } from './rule.ts';
import { RULES } from './rules.ts';
import { languagesOf, translateRule } from './languages.ts';
import { type Language, languageOf } from '../runtime/runtime.ts';

/** A rule of the table with what it found in a run, in one language's runtimes. */
export interface Judged {
  readonly rule: Rule;
  readonly outcome: RuleOutcome;
  readonly language: Language;
}

/**
 * Every rule of the table against the run, in table order, once per language the run's runtimes speak (Node.js
 * first): each over that language's trials alone, its selections moved to that language's runtimes and styles.
 * What the report, results.json and CI read.
 */
export function judgeRun(record: RunRecord, rules: readonly Rule[] = RULES): Judged[] {
  return languagesOf(record.plan.runtimes).flatMap((language) => {
    const translated = rules.map((rule) => translateRule(rule, language));
    const own = { ...record, results: record.results.filter((result) => languageOf(result.runtime) === language) };
    const outcomes = evaluateRules(translated, own);
    return translated.map((rule, position) => ({ rule, outcome: outcomes[position] as RuleOutcome, language }));
  });
}

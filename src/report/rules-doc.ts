import { type Comparison, type Measure, MOST, type Rule, type Share } from '../verdicts/rule.ts';
import { TRIAL_FIGURES } from '../verdicts/trial-figures.ts';
import { TRIAL_TESTS } from '../verdicts/trial-tests.ts';
import { WORKLOAD_SCOPES } from '../verdicts/workload-scopes.ts';
import { describeSelection } from './describe-outcome.ts';
import { renderTable } from './markdown-syntax.ts';

// docs/claims.md, rendered from the rule table: what the page says each rule does is what the engine runs.

const INTRO = `# The claims the report tests

<!-- Generated from src/verdicts/rules.ts by \`npm run docs\`; a test fails when this file and the table disagree. -->

Articles on stopping threads, most of them written about Python, repeat a handful of claims. The report's "Claims"
section takes each one, reads it for Node.js (worker threads run by tinypool, child processes run by execa), and decides
it from the run it reports on. Every claim and every tradeoff is one row of a table of data (\`src/verdicts/rules.ts\`):
which trials it selects, what it counts in them, and how the count maps to a verdict. One engine
(\`src/verdicts/evaluate.ts\`) evaluates the table; the report's sentences, this page and the \`verdicts\` of results.json
are rendered from the same rows.

## Verdicts

| Verdict | Meaning |
| --- | --- |
| **confirmed** | The count came out the way the claim says in every selected trial (or, for a comparison, in most compared pairs: more than ${MOST * 100}%). |
| **refuted** | It came out the other way in every one (in most pairs). |
| **partly true** | Some of each. |
| **about equal** | A comparison whose pairs were mostly even (more than ${MOST * 100}%). |
| **not measured** | The run holds no trial the rule selects (a kill style or runtime left out, no workload of the scope, a probe that could not read). It is not a verdict either way. |

A tradeoff names the side that came out ahead in most pairs, says \`about equal\` when most pairs were even, and
\`mixed\` otherwise. A comparison that weighs hangs first puts a side that hung in a larger share of its trials behind,
whatever it measured on the trials it ended: a stop that usually hangs never looks best. Every verdict is printed with the trials and workloads it rests on, and every share as
\`k/n\` with its 95% Wilson interval.

## Terms

- A **cell** is one workload under one kill style in one runtime, cited as \`workload / kill style / runtime\`.
- **The trials it ended** are the stopped and leaked ones. What a stop left behind is counted over these only: a hung
  trial's work still holds everything it had, which shows that the stop failed, not what a stop leaves.
- A trial that **cannot answer** a question (a probe that could not read; a workload whose cleanup cannot be seen; no data
  check) counts in neither \`k\` nor \`n\`.`;

/** The whole page: the introduction, the scopes and questions the rules use, then every claim and tradeoff. */
export function renderRulesDoc(rules: readonly Rule[]): string {
  const claims = rules.filter((rule) => rule.kind === 'claim');
  const tradeoffs = rules.filter((rule) => rule.kind === 'tradeoff');
  return `${[
    INTRO,
    '## Which workloads a rule looks at',
    "Chosen by what the work held or did before any stop (from the snapshots at `ready()`), or by another kill style's cells, never by the outcome the rule then counts:",
    renderTable(
      ['Scope', 'Workloads'],
      Object.entries(WORKLOAD_SCOPES).map(([name, scope]) => [`\`${name}\``, scope.phrase]),
    ),
    '## What a rule counts',
    renderTable(
      ['Question', 'A trial counts when it'],
      Object.entries(TRIAL_TESTS).map(([name, test]) => [`\`${name}\``, test.phrase]),
    ),
    renderTable(
      ['Figure', 'Median of'],
      Object.entries(TRIAL_FIGURES).map(([name, figure]) => [`\`${name}\``, `${figure.name}, in ${figure.unit}`]),
    ),
    '## The claims',
    ...claims.map((rule, position) => renderRule(rule, `${position + 1}. `)),
    '## The tradeoffs',
    ...tradeoffs.map((rule) => renderRule(rule, '')),
  ].join('\n\n')}\n`;
}

function renderRule(rule: Rule, number: string): string {
  const lines = [`### ${number}${rule.statement.replace(/\.$/, '')}`, `\`${rule.id}\`. Node.js reading: ${rule.nodeReading}`];
  if (rule.shape === 'share') {
    lines.push(
      `**Rule.** ${describeShareRule(rule.share)} In every such trial: **${rule.verdicts.all}**; in none: **${rule.verdicts.none}**; in some: **${rule.verdicts.some}**; no such trial: **not measured**.`,
    );
    if (rule.also !== undefined && rule.also.length > 0)
      lines.push(`Stated beside it, without a vote:\n\n${rule.also.map((share) => `- ${describeShareRule(share)}`).join('\n')}`);
    return lines.join('\n\n');
  }
  lines.push(`**Rule.** ${describeComparisonRule(rule.comparison)}`);
  if (rule.kind === 'claim') {
    lines.push(
      `${rule.comparison.second.label} ahead in most pairs: **${rule.verdicts.all}**; ${rule.comparison.first.label} ahead in most: **${rule.verdicts.none}**; most even: **about equal**; otherwise: **${rule.verdicts.some}**; no pair: **not measured**.`,
    );
  }
  return lines.join('\n\n');
}

function describeShareRule({ select, test }: Share): string {
  return `Of ${describeSelection(select)}: the trials that ${TRIAL_TESTS[test].phrase}.`;
}

function describeComparisonRule(comparison: Comparison): string {
  const { first, second, measures, alsoMeasures = [], pairing, better } = comparison;
  const pairs = pairing === 'workload' ? 'workload by workload, over the workloads both sides measured' : 'over all their trials pooled';
  const beside = alsoMeasures.length === 0 ? '' : ` Also stated, without a vote: ${alsoMeasures.map(describeMeasure).join('; ')}.`;
  const hung =
    comparison.hungFirst === true ? ' the side that hung in fewer of its trials is ahead; when they hung alike, read over the trials each ended,' : '';
  return `Compares ${first.label} (${describeSelection(first.select)}) with ${second.label} (${describeSelection(second.select)}), ${pairs}:${hung} on ${measures.map(describeMeasure).join('; ')}; the ${better} figure is ahead.${beside}`;
}

function describeMeasure(measure: Measure): string {
  return 'share' in measure ? `the share of trials that ${TRIAL_TESTS[measure.share].phrase}` : `the median ${TRIAL_FIGURES[measure.median].name}`;
}

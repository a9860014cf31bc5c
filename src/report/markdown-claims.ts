import type { RunPlan } from '../record/run-record.ts';
import type { Language } from '../runtime/runtime.ts';
import type { Judged } from '../verdicts/judge-run.ts';
import type { Rule } from '../verdicts/rule.ts';
import { describeEvidence, describeSelection, formatVerdict } from './describe-outcome.ts';
import { renderListItem, renderTable } from './markdown-syntax.ts';

/** How a language is named in the claims' columns and readings. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { node: 'Node.js', python: 'Python' };

/**
 * The "Claims" section: each claim with its verdict and sample, per language the run's runtimes speak (a column
 * each), then the evidence of each, all from the rule table.
 */
export function renderClaims(plan: RunPlan, judged: readonly Judged[]): string {
  const claims = judged.filter(({ rule }) => rule.kind === 'claim');
  const languages = [...new Set(claims.map((claim) => claim.language))];
  const ids = [...new Set(claims.map(({ rule }) => rule.id))];
  const find = (id: string, language: Language) => claims.find((claim) => claim.rule.id === id && claim.language === language);
  const workloads = plan.workloads.map((workload) => workload.name);
  const table = renderTable(
    ['#', 'Claim', ...(languages.length === 1 ? ['Verdict'] : languages.map((language) => LANGUAGE_NAMES[language]))],
    ids.map((id, position) => [
      String(position + 1),
      find(id, languages[0] ?? 'node')?.rule.statement ?? id,
      ...languages.map((language) => describeVerdict(find(id, language))),
    ]),
  );
  const details = ids.map((id, position) => {
    const perLanguage = languages.flatMap((language) => {
      const claim = find(id, language);
      if (claim === undefined) return [];
      const { rule, outcome } = claim;
      const verdict = languages.length === 1 ? [] : [`${LANGUAGE_NAMES[language]}: ${formatVerdict(rule, outcome)}.`, ''];
      return [
        ...verdict,
        `${LANGUAGE_NAMES[language]} reading: ${readRule(rule, language)}`,
        '',
        ...describeEvidence(rule, outcome, workloads).map((line) => `- ${line}`),
        '',
      ];
    });
    const [first] = languages.map((language) => find(id, language)).filter((claim) => claim !== undefined);
    const head = first === undefined ? id : `**${first.rule.statement}**${languages.length === 1 ? ` ${formatVerdict(first.rule, first.outcome)}.` : ''}`;
    return renderListItem(position + 1, [head, '', ...perLanguage].join('\n').trimEnd());
  });
  const where = languages.map((language) => LANGUAGE_NAMES[language]).join(' and ');
  return [
    '## Claims',
    `Claims articles repeat about stopping threads and processes, each decided for ${where} by a rule of one table (\`src/verdicts/rules.ts\`, stated in \`docs/claims.md\`), over this run alone. ` +
      (languages.includes('python')
        ? 'In Python the same rule reads the Python runtimes and the styles that play each part there (`src/verdicts/languages.ts`): the forced thread kill is the asynchronous exception, the cooperative stop the Event. '
        : '') +
      'A verdict counts trials as `k/n` with a 95% Wilson interval and names the trials and workloads it rests on; `not measured` means the run holds no trial the rule selects, and is not a verdict either way. ' +
      'Every verdict, with its figures, is also in results.json (`verdicts`).',
    table,
    details.join('\n\n'),
  ].join('\n\n');
}

function describeVerdict(claim: Judged | undefined): string {
  return claim === undefined ? 'not judged' : formatVerdict(claim.rule, claim.outcome);
}

/** What the rule asks, in the language: Node.js's own words from the table; in Python, the selection it reads there. */
function readRule(rule: Rule, language: Language): string {
  if (language === 'node') return rule.nodeReading;
  if (rule.shape === 'share') return `the same question, of ${describeSelection(rule.share.select)}.`;
  return `the same comparison, ${rule.comparison.first.label} against ${rule.comparison.second.label}.`;
}

import type { Judged } from '../verdicts/judge-run.ts';
import { LANGUAGE_NAMES } from './markdown-claims.ts';
import { describeJudged } from './markdown-engines.ts';
import { renderInlineCode } from './markdown-syntax.ts';

/**
 * "Where Python and Node.js differ": for a run with runtimes of both, every claim and tradeoff whose verdict is not the
 * same in the two, each with its verdict and k/n in each; nothing for a run of one language.
 */
export function renderLanguageDifferences(judged: readonly Judged[]): string {
  const languages = [...new Set(judged.map((entry) => entry.language))];
  if (languages.length < 2) return '';
  const ids = [...new Set(judged.map(({ rule }) => rule.id))];
  const lines = ids.flatMap((id) => {
    const each = languages.map((language) => judged.find((entry) => entry.rule.id === id && entry.language === language));
    const [first] = each;
    if (first === undefined || new Set(each.map((entry) => entry?.outcome.verdict)).size === 1) return [];
    const readings = each.map((entry, position) => `${LANGUAGE_NAMES[languages[position] ?? 'node']} ${describeJudged(entry)}`);
    return [`- ${first.rule.kind === 'claim' ? 'Claim' : 'Tradeoff'} ${renderInlineCode(id)}, "${first.rule.statement}": ${readings.join('; ')}.`];
  });
  return [
    '## Where Python and Node.js differ',
    "The same rule decided over each language's own runtimes and stops (`src/verdicts/languages.ts` says which Python style plays which Node.js style's part); the claims below have each side's evidence, and Runtime costs each runtime's spawn, stop and memory figures.",
    lines.length === 0 ? 'Every claim and tradeoff came out the same in both.' : lines.join('\n'),
  ].join('\n\n');
}

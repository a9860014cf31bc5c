import type { RunRecord } from '../record/run-record.ts';
import { CLAIMS } from './claims/claims.ts';
import { renderListItem, renderTable } from './markdown-syntax.ts';

/** The "Claims" section: each common claim with the verdict this run gives it, then the evidence of each. */
export function renderClaims(record: RunRecord): string {
  const judged = CLAIMS.map((claim, position) => ({ number: position + 1, claim, ...claim.evaluate(record) }));
  const table = renderTable(
    ['#', 'Claim', 'Verdict'],
    judged.map(({ number, claim, verdict }) => [String(number), claim.statement, `**${verdict}**`]),
  );
  const details = judged.map(({ number, claim, verdict, evidence }) =>
    renderListItem(number, [`**${claim.statement}** ${capitalize(verdict)}.`, '', `Node.js reading: ${claim.nodeReading}`, '', ...evidence.map((line) => `- ${line}`)].join('\n')),
  );
  return [
    '## Claims',
    'Claims articles repeat about stopping threads and processes, each decided for Node.js by a fixed rule over this run (`docs/claims.md` in the repository states each rule). ' +
      '`not measured` means the run lacks the cells that decide the claim; it is not a verdict either way.',
    table,
    details.join('\n\n'),
  ].join('\n\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

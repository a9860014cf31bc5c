import type { RunRecord } from '../record/run-record.ts';
import type { Judged } from '../verdicts/judge-run.ts';
import { describeEvidence, formatVerdict } from './describe-outcome.ts';
import { renderListItem, renderTable } from './markdown-syntax.ts';

/** The "Claims" section: each claim with its verdict and sample, then the evidence of each, all from the rule table. */
export function renderClaims(record: RunRecord, judged: readonly Judged[]): string {
  const claims = judged.filter(({ rule }) => rule.kind === 'claim');
  const workloads = record.plan.workloads.map((workload) => workload.name);
  const table = renderTable(
    ['#', 'Claim', 'Verdict'],
    claims.map(({ rule, outcome }, position) => [String(position + 1), rule.statement, formatVerdict(rule, outcome)]),
  );
  const details = claims.map(({ rule, outcome }, position) =>
    renderListItem(
      position + 1,
      [
        `**${rule.statement}** ${formatVerdict(rule, outcome)}.`,
        '',
        `Node.js reading: ${rule.nodeReading}`,
        '',
        ...describeEvidence(rule, outcome, workloads).map((line) => `- ${line}`),
      ].join('\n'),
    ),
  );
  return [
    '## Claims',
    'Claims articles repeat about stopping threads and processes, each decided for Node.js by a rule of one table (`src/verdicts/rules.ts`, stated in `docs/claims.md`), over this run alone. ' +
      'A verdict counts trials as `k/n` with a 95% Wilson interval and names the trials and workloads it rests on; `not measured` means the run holds no trial the rule selects, and is not a verdict either way. ' +
      'Every verdict, with its figures, is also in results.json (`verdicts`).',
    table,
    details.join('\n\n'),
  ].join('\n\n');
}

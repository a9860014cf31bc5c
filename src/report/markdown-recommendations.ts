import type { Avoided, Recommendation } from '../analysis/recommend.ts';
import { describeEvidence } from '../analysis/recommend.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';

/** An avoid cell names this many stops, then how many more. */
const AVOID_SHOWN = 3;

/**
 * The report's opening answer: per workload and runtime, the stop to use with its evidence, and the stops to avoid
 * with why; the user's own workloads first. Every entry is `recommendations` in results.json.
 */
export function renderRecommendations(recommendations: readonly Recommendation[]): string {
  if (recommendations.length === 0) return '';
  const versions = new Set(recommendations.map((entry) => entry.node)).size > 1;
  const header = ['Workload', ...(versions ? ['Node.js'] : []), 'Runtime', 'Use', 'Evidence', 'Avoid'];
  const rows = groupAcrossVersions(recommendations).map(({ entry, nodes }) => [
    entry.builtIn ? entry.workload : `**${entry.workload}** (yours)`,
    ...(versions ? [nodes.join(', ')] : []),
    entry.bestRuntime ? `**${entry.runtime}**` : entry.runtime,
    `${renderInlineCode(entry.stop)}${entry.alsoGood.length === 0 ? '' : ` (or ${entry.alsoGood.map(renderInlineCode).join(', ')})`}`,
    entry.leftNothing ? describeEvidence(entry.evidence) : `**no stop left nothing**; least bad: ${describeEvidence(entry.evidence)}`,
    describeAvoided(entry.avoid),
  ]);
  return [
    '## What to use',
    [
      'For each workload and runtime, the stop that ended the work and left nothing, ranked by the share of trials it hung, then the share it left something, then cleanup ran, then median stop time (`src/analysis/recommend.ts`).',
      'A stop that hung or left something is never named where another stop of that runtime left nothing; where none did, the row says so and names the least bad.',
      'The runtime in **bold** did at least as well as every other runtime of its language for that workload. `crash`, `exit` and a dead host are faults, not stops, and are not ranked.',
      'Each entry is in results.json as `recommendations`; the sections below have every figure.',
      ...(versions ? ['Versions that agree on the stop share a row, with the evidence of the first of them.'] : []),
    ].join(' '),
    renderTable(header, rows),
  ].join('\n\n');
}

/** `terminate` (left temp files in 2/2), … and 2 more. */
function describeAvoided(avoid: readonly Avoided[]): string {
  if (avoid.length === 0) return 'nothing: every stop left nothing';
  const shown = avoid.slice(0, AVOID_SHOWN).map((entry) => `${renderInlineCode(entry.stop)} (${entry.because})`);
  const rest = avoid.slice(AVOID_SHOWN).map((entry) => renderInlineCode(entry.stop));
  return [...shown, ...(rest.length === 0 ? [] : [`also ${rest.join(', ')}`])].join('; ');
}

/** Entries of a workload and runtime that name the same stop in several Node.js versions, as one row; the first's evidence. */
function groupAcrossVersions(recommendations: readonly Recommendation[]): { entry: Recommendation; nodes: string[] }[] {
  const groups = new Map<string, { entry: Recommendation; nodes: string[] }>();
  for (const entry of recommendations) {
    const key = JSON.stringify([entry.workload, entry.runtime, entry.stop, entry.leftNothing]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { entry, nodes: [entry.node ?? ''] });
    else group.nodes.push(entry.node ?? '');
  }
  return [...groups.values()];
}

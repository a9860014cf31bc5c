import { describeFailure, type Recommendation } from '../analysis/recommend.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';

/** One row of the table: a workload (on one or more engines that agree), its pick per runtime. */
interface Row {
  readonly workload: string;
  readonly builtIn: boolean;
  readonly engines: string[];
  readonly picks: ReadonlyMap<string, Recommendation>;
}

/**
 * The report's opening answer, on one screen: per workload, the stop to use in each runtime with its evidence in
 * brief, the user's own workloads first; under it, folded, the stops to avoid and why. Every entry, with all of its
 * evidence, is `recommendations` in results.json.
 */
export function renderRecommendations(recommendations: readonly Recommendation[]): string {
  if (recommendations.length === 0) return '';
  const runtimes = [...new Set(recommendations.map((entry) => entry.runtime))];
  const rows = collectRows(recommendations);
  const engines = rows.some((row) => row.engines.some((engine) => engine !== ''));
  const header = ['Workload', ...(engines ? ['Engine'] : []), ...runtimes];
  const table = rows.map((row) => [
    row.builtIn ? row.workload : `**${row.workload}** (yours)`,
    ...(engines ? [row.engines.join(', ')] : []),
    ...runtimes.map((runtime) => describePick(row.picks.get(runtime))),
  ]);
  return [
    '## What to use',
    [
      'Per workload and runtime, the stop to use: the one that ended the work and left nothing, ranked by the share of trials it hung, then the share it left something, then cleanup ran, then median stop time (`src/analysis/recommend.ts`).',
      'A stop that hung or left something is never named where another stop of that runtime left nothing; where none did, the cell says so and names the least bad.',
      'A stop in **bold** is in the runtime that did at least as well as the others of its language for that workload.',
      '`crash`, `exit` and a dead host are faults, not stops, and are not ranked. Every entry is in results.json as `recommendations`.',
      ...(engines ? ['Engines whose stops are equally good share a row, with the stop and evidence of the first of them.'] : []),
    ].join(' '),
    renderTable(header, table),
    renderAvoided(rows, engines),
  ].join('\n\n');
}

/** `**`abort`**: 2/2 clean, 4.7 ms`; `no stop left nothing; least bad `sigkill`: left temp files 2/2`; a dash where the runtime did not run it. */
function describePick(pick: Recommendation | undefined): string {
  if (pick === undefined) return '—';
  const stop = pick.bestRuntime ? `**${renderInlineCode(pick.stop)}**` : renderInlineCode(pick.stop);
  if (!pick.leftNothing) return `no stop left nothing; least bad ${stop}: ${describeFailure(pick.evidence)}`;
  const latency = pick.evidence.stopMs === null ? '' : `, ${pick.evidence.stopMs.toFixed(1)} ms`;
  return `${stop}: ${pick.evidence.leftNothing}/${pick.evidence.trials} clean${latency}`;
}

/** The stops to avoid per workload and runtime, folded under the table so that the answer stays on one screen. */
function renderAvoided(rows: readonly Row[], engines: boolean): string {
  const lines = rows.flatMap((row) =>
    [...row.picks.values()].flatMap((pick) => {
      if (pick.avoid.length === 0) return [];
      const where = `${row.workload}${engines ? ` (${row.engines.join(', ')})` : ''}, ${pick.runtime}`;
      return [`- ${where}: ${pick.avoid.map((entry) => `${renderInlineCode(entry.stop)} (${entry.because})`).join(', ')}`];
    }),
  );
  if (lines.length === 0) return 'No stop of this run hung or left something where another stop of its runtime did better.';
  return ['<details><summary>Stops to avoid, and why</summary>', '', ...lines, '', '</details>'].join('\n');
}

/** One row per workload and engine, the engines whose picks all agree sharing one. */
function collectRows(recommendations: readonly Recommendation[]): Row[] {
  const rows = new Map<string, Row>();
  for (const entry of recommendations) {
    const key = `${entry.workload}\0${entry.engine ?? ''}`;
    const row = rows.get(key) ?? { workload: entry.workload, builtIn: entry.builtIn, engines: [entry.engine ?? ''], picks: new Map<string, Recommendation>() };
    (row.picks as Map<string, Recommendation>).set(entry.runtime, entry);
    rows.set(key, row);
  }
  const merged: Row[] = [];
  for (const row of rows.values()) {
    const same = merged.find((other) => other.workload === row.workload && samePicks(other, row));
    if (same === undefined) merged.push(row);
    else same.engines.push(...row.engines);
  }
  const order = [...new Set(merged.map((row) => row.workload))];
  return merged.sort((a, b) => order.indexOf(a.workload) - order.indexOf(b.workload));
}

/** Two engines agree when, in every runtime, each one's stop is among the other's equally good ones. */
function samePicks(a: Row, b: Row): boolean {
  if (a.picks.size !== b.picks.size) return false;
  return [...a.picks].every(([runtime, pick]) => {
    const other = b.picks.get(runtime);
    return other !== undefined && other.leftNothing === pick.leftNothing && [other.stop, ...other.alsoGood].includes(pick.stop);
  });
}

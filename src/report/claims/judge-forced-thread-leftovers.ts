import type { RunRecord } from '../../record/run-record.ts';
import { type CellView, indexCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { pool, showsAny } from '../evidence/contrast-findings.ts';
import { describeShares, FINDINGS, type FindingName, listFound } from '../evidence/findings.ts';
import { describeLandings } from '../evidence/landings.ts';
import { type ClaimVerdict, decide } from './claim.ts';

/**
 * Decides a claim that a forced thread kill leaves something behind, on terminate()'s cells in a thread:
 * confirmed when a trial terminate() ended left one of the findings; partly true when only trials it never ended
 * (hung: the blocked worker kept everything) showed them; refuted when measured and never found; else not measured.
 */
export function judgeForcedThreadLeftovers(record: RunRecord, names: readonly FindingName[]): ClaimVerdict {
  const index = indexCells(record);
  const cells = index.select('terminate', 'thread');
  const ended = cells.filter((cell) => cell.ended !== null && names.some((name) => FINDINGS[name].share(cell.ended ?? cell.all) !== null));
  const hungShowing = cells.filter((cell) => cell.all.outcomes.hung > 0 && listFound(cell.all, names).length > 0);
  const landings = describeLandings(selectConcerned(cells, names), index.workloads);
  if (ended.length === 0 && hungShowing.length === 0) {
    return decide('not measured', `No trial that terminate() ended in a thread measured ${describeShares(names.map((name) => ({ finding: FINDINGS[name], share: null })))}.`);
  }
  const showing = ended.filter((cell) => showsAny(names, [cell]));
  const clean = ended.filter((cell) => !showsAny(names, [cell]));
  if (showing.length > 0) {
    const lines = showing.map((cell) => `terminate() left ${describeShares(listFound(cell.ended ?? cell.all, names))} ${citeCells([cell], index.workloads)}.`);
    const cleanLine = clean.length === 0 ? null : `It left none in the other cells: ${describePooled(names, clean)} ${citeCells(clean, index.workloads)}.`;
    return decide('confirmed', ...lines, cleanLine, ...landings);
  }
  const endedLine = ended.length === 0 ? null : `Where terminate() ended the work it left none: ${describePooled(names, ended)} ${citeCells(ended, index.workloads)}.`;
  if (hungShowing.length === 0) return decide('refuted', endedLine, ...landings);
  const hungLines = hungShowing.map(
    (cell) => `terminate() did not end the work in ${cell.all.outcomes.hung}/${cell.all.trials} trials; the blocked worker still held ${describeShares(listFound(cell.all, names))} ${citeCells([cell], index.workloads)}.`,
  );
  return decide('partly true', endedLine, ...hungLines, ...landings);
}

function describePooled(names: readonly FindingName[], cells: readonly CellView[]): string {
  return describeShares(names.map((name) => ({ finding: FINDINGS[name], share: pool(name, cells) })));
}

/**
 * The cells the claim is about, whose kill points are worth stating: those that showed a finding, and those that alone
 * could measure one (a data check exists only where the workload writes checked data).
 */
function selectConcerned(cells: readonly CellView[], names: readonly FindingName[]): CellView[] {
  const measuredBy = (name: FindingName) => cells.filter((cell) => FINDINGS[name].share(cell.all) !== null);
  const selective = names.flatMap((name) => (measuredBy(name).length < cells.length ? measuredBy(name) : []));
  return cells.filter((cell) => listFound(cell.all, names).length > 0 || selective.includes(cell));
}

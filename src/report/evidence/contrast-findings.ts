import { citeCells } from './cite.ts';
import type { CellView } from './cell-index.ts';
import { describeShares, FINDING_NAMES, FINDINGS, type FindingName, formatShare, type Share, sumShares } from './findings.ts';
import { joinWords } from './join-words.ts';

/** One side of a comparison: a stop as a sentence names it, and the cells whose ended trials it pools. */
export interface Side {
  readonly label: string;
  readonly cells: readonly CellView[];
}

/**
 * What each of two stops left behind, over the trials they ended, as one sentence: the findings either side showed,
 * with the first side's shares and then the second's, each citing its cells (those where something was found, or all
 * when nothing was). When both measured and neither left anything, it says so; null when a side measured nothing.
 */
export function contrastFindings(names: readonly FindingName[], first: Side, second: Side, workloads: readonly string[]): string | null {
  const rows = names.map((name) => ({ name, first: pool(name, first.cells), second: pool(name, second.cells) }));
  if (rows.every((row) => row.first === null) || rows.every((row) => row.second === null)) return null;
  const shown = rows.filter((row) => (row.first?.found ?? 0) + (row.second?.found ?? 0) > 0);
  if (shown.length === 0) {
    const phrases = joinWords(names.map((name) => FINDINGS[name].phrase));
    return `Neither ${first.label} nor ${second.label} left ${phrases} behind ${citeCells([...first.cells, ...second.cells], workloads)}.`;
  }
  const firstText = describeShares(shown.map((row) => ({ finding: FINDINGS[row.name], share: row.first })));
  const secondText = joinWords(shown.map((row) => (row.second === null ? 'not measured' : formatShare(row.second))));
  return (
    `${first.label} left ${firstText} ${citeShowing(first.cells, names, workloads)}; ` +
    `${second.label} in ${secondText} ${citeShowing(second.cells, names, workloads)}.`
  );
}

/** `left temp files in 2/12 trials and processes running in 1/12 (cells)`, over the trials the cells ended; null when nothing was found. */
export function describeLeft(cells: readonly CellView[], workloads: readonly string[], names: readonly FindingName[] = FINDING_NAMES): string | null {
  const found = names.flatMap((name) => {
    const share = pool(name, cells);
    return share === null || share.found === 0 ? [] : [{ finding: FINDINGS[name], share }];
  });
  return found.length === 0 ? null : `left ${describeShares(found)} ${citeShowing(cells, names, workloads)}`;
}

/** The share of one finding over the ended trials of several cells; null when none of them measured it. */
export function pool(name: FindingName, cells: readonly CellView[]): Share | null {
  return sumShares(cells.map((cell) => (cell.ended === null ? null : FINDINGS[name].share(cell.ended))));
}

/** Whether any trial the cells ended showed any of the findings. */
export function showsAny(names: readonly FindingName[], cells: readonly CellView[]): boolean {
  return names.some((name) => (pool(name, cells)?.found ?? 0) > 0);
}

/** The cells where one of the findings showed, or every cell when none did: those are what the figure rests on. */
export function citeShowing(cells: readonly CellView[], names: readonly FindingName[], workloads: readonly string[]): string {
  const showing = cells.filter((cell) => showsAny(names, [cell]));
  return citeCells(showing.length > 0 ? showing : cells, workloads);
}

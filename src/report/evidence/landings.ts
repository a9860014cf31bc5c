import { renderInlineCode } from '../markdown-syntax.ts';
import type { CellView } from './cell-index.ts';
import { citeCells } from './cite.ts';

/**
 * Where targeted kills landed, one line per cell that aimed at a critical section: the workload's own section log
 * says whether the work was inside the section when it stopped, which is what makes a targeted kill evidence.
 */
export function describeLandings(cells: readonly CellView[], workloads: readonly string[]): string[] {
  return cells.flatMap((cell) =>
    cell.all.killPoints.sections.map(
      ({ section, targeted, landed }) => `The kill was aimed at the critical section ${renderInlineCode(section)} and landed inside it in ${landed}/${targeted} trials ${citeCells([cell], workloads)}.`,
    ),
  );
}

import type { RunRecord } from '../../record/run-record.ts';
import { indexCells, selectCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { contrastFindings } from '../evidence/contrast-findings.ts';
import { findSpawningWorkloads } from '../evidence/workload-traits.ts';
import type { TradeoffRule } from './tradeoff-rule.ts';

/** SIGKILL of a child against tree-kill, for the workloads that start processes of their own: who outlives the stop? */
export const grandchildren: TradeoffRule = {
  title: 'Grandchildren: SIGKILL or tree-kill',
  describe(record: RunRecord): string[] {
    const index = indexCells(record);
    const spawning = findSpawningWorkloads(index);
    const sigkill = selectCells(index, 'sigkill', 'process', spawning);
    const treeKill = selectCells(index, 'tree-kill', 'process', spawning);
    const survivors = contrastFindings(['processes'], { label: 'SIGKILL', cells: sigkill }, { label: 'tree-kill', cells: treeKill }, index.workloads);
    if (survivors === null) return [];
    const orphaning = sigkill.filter((cell) => (cell.ended?.maxOrphaned ?? 0) > 0);
    const mostOrphaned = Math.max(0, ...orphaning.map((cell) => cell.ended?.maxOrphaned ?? 0));
    const orphans = orphaning.length === 0 ? [] : [`SIGKILL's survivors were orphaned, up to ${mostOrphaned} a trial: nothing of the trial waits for them or stops them ${citeCells(orphaning, index.workloads)}.`];
    return [survivors, ...orphans];
  },
};

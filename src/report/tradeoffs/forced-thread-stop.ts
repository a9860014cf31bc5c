import type { RunRecord } from '../../record/run-record.ts';
import { indexCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { contrastFindings, showsAny } from '../evidence/contrast-findings.ts';
import { FINDING_NAMES } from '../evidence/findings.ts';
import { countOf } from '../format-cell.ts';
import type { TradeoffRule } from './tradeoff-rule.ts';

/** terminate() against a cooperative abort of the same workload in a thread: what each left once the work had ended. */
export const forcedThreadStop: TradeoffRule = {
  title: 'Forced thread stop or cooperative abort',
  describe(record: RunRecord): string[] {
    const index = indexCells(record);
    const pairs = index.workloads.flatMap((workload) => {
      const forced = index.find(workload, 'terminate', 'thread');
      const cooperative = index.find(workload, 'abort', 'thread');
      return forced?.ended && cooperative?.ended ? [[forced, cooperative] as const] : [];
    });
    const differing = pairs.filter((cells) => showsAny(FINDING_NAMES, cells));
    const clean = pairs.filter((cells) => !showsAny(FINDING_NAMES, cells));
    const sentences = differing.flatMap(([forced, cooperative]) => {
      const sentence = contrastFindings(FINDING_NAMES, { label: 'terminate()', cells: [forced] }, { label: 'cooperative abort', cells: [cooperative] }, index.workloads);
      return sentence === null ? [] : [sentence];
    });
    if (clean.length === 0) return sentences;
    return [...sentences, `Where both ended the work, neither left anything behind in ${countOf(clean.length, 'workload')} ${citeCells(clean.flat(), index.workloads)}.`];
  },
};

import { KILL_STYLE_NAMES } from '../../kill-styles/kill-styles.ts';
import type { RunRecord } from '../../record/run-record.ts';
import type { RuntimeName } from '../../runtime/runtime.ts';
import { type CellIndex, indexCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { joinWords } from '../evidence/join-words.ts';
import { countOf } from '../format-cell.ts';
import { renderInlineCode } from '../markdown-syntax.ts';
import type { TradeoffRule } from './tradeoff-rule.ts';

/** Per runtime, the kill styles under which work hung after the kill (a workload blocked in a call), and those that never hung. */
export const blockingCalls: TradeoffRule = {
  title: 'Blocking calls: which stops hang',
  describe(record: RunRecord): string[] {
    const index = indexCells(record);
    return [...new Set(record.results.map((result) => result.runtime))].flatMap((runtime) => describeRuntime(index, runtime));
  },
};

function describeRuntime(index: CellIndex, runtime: RuntimeName): string[] {
  const styles = KILL_STYLE_NAMES.map((kill) => {
    const cells = index.select(kill, runtime);
    return { kill, cells, hung: cells.filter((cell) => cell.all.hungPhases.includes('stop')) };
  }).filter(({ cells }) => cells.length > 0);
  if (styles.length === 0) return [];
  const hanging = styles.filter(({ hung }) => hung.length > 0);
  const never = styles.filter(({ hung }) => hung.length === 0).map(({ kill, cells }) => `${renderInlineCode(kill)} (${countOf(cells.length, 'workload')})`);
  const neverSentence = never.length === 0 ? [] : [`In a ${runtime}, the work ended within the stop timeout in every workload run after ${joinWords(never)}.`];
  if (hanging.length === 0) return neverSentence;
  const hangs = hanging.map(({ kill, cells, hung }) => `${renderInlineCode(kill)} in ${hung.length}/${cells.length} workloads ${citeCells(hung, index.workloads)}`);
  return [`In a ${runtime}, work did not end within the stop timeout after ${joinWords(hangs)}.`, ...neverSentence];
}

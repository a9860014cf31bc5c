import type { RunRecord } from '../../record/run-record.ts';
import { indexCells, selectCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { formatRatio } from '../evidence/format-ratio.ts';
import { compareStops } from '../evidence/paired-stops.ts';
import { countOf } from '../format-cell.ts';
import { formatMilliseconds } from '../format-stop.ts';
import { renderInlineCode } from '../markdown-syntax.ts';
import type { TradeoffRule } from './tradeoff-rule.ts';

/** The median time until the work was gone, thread against process, per stop, over the workloads both ended. */
export const stopLatency: TradeoffRule = {
  title: 'Stop latency: thread or process',
  describe(record: RunRecord): string[] {
    const index = indexCells(record);
    const compared = compareStops(record);
    if (compared.length === 0) return [];
    const threadSooner = compared.filter(({ first, second }) => first.median < second.median).length;
    const stops = compared.map(({ thread, process, workloads, first, second }) => {
      const ratio = formatRatio(second.median, first.median);
      const label = thread === process ? renderInlineCode(thread) : `Forced (${renderInlineCode(thread)} of a worker, ${renderInlineCode(process)} of a child)`;
      return (
        `${label}: ${formatMilliseconds(first.median)} ms over ${countOf(first.count, 'trial')} ${citeCells(selectCells(index, thread, 'thread', workloads), index.workloads)} ` +
        `against ${formatMilliseconds(second.median)} ms over ${countOf(second.count, 'trial')} ${citeCells(selectCells(index, process, 'process', workloads), index.workloads)}` +
        `${ratio === null ? '' : `, the process ${ratio} the thread`}.`
      );
    });
    return [
      `The work of a thread was gone sooner than that of a process in ${threadSooner} of ${countOf(compared.length, 'comparison')} (median \`stopMs\` over the workloads both runtimes ended).`,
      ...stops,
    ];
  },
};

import type { RunRecord } from '../../record/run-record.ts';
import type { RuntimeName } from '../../runtime/runtime.ts';
import { type CellIndex, indexCells, selectCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { describeEndings } from '../evidence/describe-endings.ts';
import { findBlockedCells } from '../evidence/workload-traits.ts';
import type { TradeoffRule } from './tradeoff-rule.ts';

/** The runtime's own timeout against the workloads a cooperative abort could not stop: did the deadline end them? */
export const timeoutsAgainstBlocking: TradeoffRule = {
  title: 'Timeouts against blocked work',
  describe(record: RunRecord): string[] {
    const index = indexCells(record);
    return (['thread', 'process'] as const).flatMap((runtime) => describeRuntime(index, runtime));
  },
};

function describeRuntime(index: CellIndex, runtime: RuntimeName): string[] {
  const blocked = findBlockedCells(index, runtime);
  const timeouts = selectCells(index, 'timeout', runtime, blocked.map((cell) => cell.workload));
  if (timeouts.length === 0) return [];
  return [
    `Against the workloads a cooperative abort left hung in a ${runtime} ${citeCells(blocked, index.workloads)}, ` +
      `the runtime's timeout ${describeEndings(timeouts, index.workloads)}.`,
  ];
}

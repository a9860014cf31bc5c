import type { KillStyleName } from '../../kill-styles/kill-styles.ts';
import type { RunRecord } from '../../record/run-record.ts';
import { type CellIndex, indexCells, selectCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { countEndings, describeEndings } from '../evidence/describe-endings.ts';
import { findBlockedCells } from '../evidence/workload-traits.ts';
import { renderInlineCode } from '../markdown-syntax.ts';
import { type Claim, type ClaimVerdict, decide } from './claim.ts';

/** The forced stops whose effect on the blocked workloads the evidence adds. */
const FORCED: readonly KillStyleName[] = ['terminate', 'abort-then-force'];

/**
 * A worker that does not end within the stop timeout after its cooperative abort did not see the stop request: confirmed
 * when that happened to some workload in a thread (the evidence adds what terminate() did to the same workloads);
 * not measured when every abort in a thread ended the work, since then the run held no worker blocked in a call.
 */
export const blockedThreadMissesFlag: Claim = {
  statement: 'A thread blocked in a long synchronous call does not see a stop flag until the call returns.',
  nodeReading: 'A cooperative abort, and terminate(), against a worker blocked in a synchronous call.',
  evaluate(record: RunRecord): ClaimVerdict {
    const index = indexCells(record);
    const blocked = findBlockedCells(index, 'thread');
    if (blocked.length === 0) {
      return decide('not measured', 'No cooperative abort in a thread hung: the run held no worker blocked in a synchronous call.');
    }
    const { hung } = countEndings(blocked);
    const trials = blocked.reduce((sum, cell) => sum + cell.all.trials, 0);
    const workloads = blocked.map((cell) => cell.workload);
    return decide(
      'confirmed',
      `The cooperative abort did not end the work within the stop timeout in ${hung}/${trials} trials: the worker never saw the request ${citeCells(blocked, index.workloads)}.`,
      ...FORCED.map((kill) => describeForced(index, kill, workloads)),
    );
  },
};

function describeForced(index: CellIndex, kill: KillStyleName, workloads: readonly string[]): string | null {
  const cells = selectCells(index, kill, 'thread', workloads);
  return cells.length === 0 ? null : `Of the same workloads, ${renderInlineCode(kill)} ${describeEndings(cells, index.workloads)}.`;
}

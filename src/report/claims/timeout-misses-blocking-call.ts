import type { RunRecord } from '../../record/run-record.ts';
import { indexCells, selectCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { countEndings, describeEndings } from '../evidence/describe-endings.ts';
import { findBlockedCells } from '../evidence/workload-traits.ts';
import { type Claim, type ClaimVerdict, decide } from './claim.ts';

/**
 * The runtime's own timeout (tinypool's AbortSignal, execa's `timeout`) against the workloads whose cooperative abort
 * hung in that runtime. Confirmed: the timeout hung in every such trial; refuted: it ended every one; partly true:
 * some of each (by runtime or workload); not measured: the run has no blocked workload with a timeout trial that ended or hung.
 */
export const timeoutMissesBlockingCall: Claim = {
  statement: 'A timeout cannot interrupt a blocking call that is already under way.',
  nodeReading: "The runtimes' own timeouts (an AbortSignal.timeout given to tinypool, execa's timeout) against a workload blocked in a call.",
  evaluate(record: RunRecord): ClaimVerdict {
    const index = indexCells(record);
    const runs = (['thread', 'process'] as const).flatMap((runtime) => {
      const blocked = findBlockedCells(index, runtime);
      const timeouts = selectCells(index, 'timeout', runtime, blocked.map((cell) => cell.workload));
      return timeouts.length === 0 ? [] : [{ runtime, blocked, timeouts }];
    });
    if (runs.length === 0) return decide('not measured', 'No workload that a cooperative abort left hung was also stopped by a timeout in the same runtime.');
    const lines = runs.map(
      ({ runtime, blocked, timeouts }) =>
        `In a ${runtime}, against the workloads its abort left hung ${citeCells(blocked, index.workloads)}, the timeout ${describeEndings(timeouts, index.workloads)}.`,
    );
    const { ended, hung } = countEndings(runs.flatMap(({ timeouts }) => timeouts));
    if (ended + hung === 0) return decide('not measured', ...lines);
    return decide(ended === 0 ? 'confirmed' : hung === 0 ? 'refuted' : 'partly true', ...lines);
  },
};

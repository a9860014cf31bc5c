import type { RunRecord } from '../../record/run-record.ts';
import { indexCells, selectCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { shareCleanupRan } from '../evidence/cleanup.ts';
import { describeLeft } from '../evidence/contrast-findings.ts';
import { countEndings, describeEndings } from '../evidence/describe-endings.ts';
import { formatShare } from '../evidence/findings.ts';
import { findWorkloadsWithCleanup } from '../evidence/workload-traits.ts';
import { type Claim, type ClaimVerdict, decide } from './claim.ts';

/**
 * A worker whose host process is SIGKILLed (`host-death`), over the workloads whose abort ran cleanup in a thread.
 * Confirmed: the worker ended with its host in every trial and its cleanup ran in none; refuted: cleanup ran in every
 * trial; partly true: anything between; not measured: no such trial.
 */
export const daemonThreadsSkipCleanup: Claim = {
  statement: 'Background threads die with their program and run no cleanup.',
  nodeReading: "What becomes of a worker, and of its cleanup, when the process it lives in dies.",
  evaluate(record: RunRecord): ClaimVerdict {
    const index = indexCells(record);
    const cells = selectCells(index, 'host-death', 'thread', findWorkloadsWithCleanup(index, 'thread'));
    const ran = shareCleanupRan(cells);
    if (ran === null) return decide('not measured', 'No worker with cleanup to run (its abort in a thread ran it) had its host killed (`host-death`).');
    const { ended, hung } = countEndings(cells);
    const left = describeLeft(cells, index.workloads);
    const verdict = ran.found === ran.of ? 'refuted' : ran.found === 0 && hung === 0 && ended > 0 ? 'confirmed' : 'partly true';
    return decide(
      verdict,
      `Killing the host ${describeEndings(cells, index.workloads)}.`,
      `The worker's cleanup ran in ${formatShare(ran)} trials ${citeCells(cells, index.workloads)}.`,
      left === null ? null : `The dead worker ${left}.`,
    );
  },
};

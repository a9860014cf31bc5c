import type { RunRecord } from '../../record/run-record.ts';
import { indexCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { describeLeft } from '../evidence/contrast-findings.ts';
import { countEndings } from '../evidence/describe-endings.ts';
import { type Claim, type ClaimVerdict, decide } from './claim.ts';

/**
 * A workload that throws an uncaught error in a worker (`crash`). A trial that ended (stopped or leaked) was probed
 * in a living host: the error ended the worker only. An errored trial is one whose host died or that could not run.
 * Confirmed: some ended and none errored; refuted: none ended and some errored; partly true: both; not measured: neither.
 * A hung trial never reached its throw (the worker was blocked), so it decides nothing.
 */
export const threadErrorEndsThread: Claim = {
  statement: 'An unhandled error in a thread ends that thread only, not the program.',
  nodeReading: 'A workload that throws an uncaught error inside a worker: what happens to the host, and to what the worker held?',
  evaluate(record: RunRecord): ClaimVerdict {
    const index = indexCells(record);
    const cells = index.selectWithErrored('crash', 'thread');
    const { ended, hung } = countEndings(cells);
    const errored = cells.filter((cell) => cell.all.outcomes.errored > 0);
    const erroredTrials = errored.reduce((sum, cell) => sum + cell.all.outcomes.errored, 0);
    if (ended + erroredTrials === 0) return decide('not measured', 'No worker reached its uncaught error (`crash` in a thread) in a trial that ended or errored.');
    const endedCells = cells.filter((cell) => cell.ended !== null);
    const hungCells = cells.filter((cell) => cell.all.outcomes.hung > 0);
    const left = describeLeft(endedCells, index.workloads);
    return decide(
      erroredTrials === 0 ? 'confirmed' : ended === 0 ? 'refuted' : 'partly true',
      ended === 0 ? null : `The error ended the worker and the host carried on, probed afterwards, in ${ended} trials ${citeCells(endedCells, index.workloads)}.`,
      left === null ? null : `The host kept what the dead worker held: the crash ${left}.`,
      errored.length === 0 ? null : `${erroredTrials} trials errored instead (the host died or the trial could not run) ${citeCells(errored, index.workloads)}.`,
      hung === 0 ? null : `In ${hung} trials the worker was blocked and never reached its throw ${citeCells(hungCells, index.workloads)}.`,
    );
  },
};

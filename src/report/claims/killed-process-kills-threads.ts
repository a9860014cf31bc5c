import type { RunRecord } from '../../record/run-record.ts';
import { indexCells } from '../evidence/cell-index.ts';
import { describeLeft } from '../evidence/contrast-findings.ts';
import { countEndings, describeEndings } from '../evidence/describe-endings.ts';
import { type Claim, type ClaimVerdict, decide } from './claim.ts';

/**
 * SIGKILL of the host that owns a worker (`host-death`): confirmed when the worker's work ended with it in every trial,
 * partly true when it did in some, refuted when in none; not measured without such trials. The evidence adds what
 * outlived the worker, and, for contrast, what outlived a host that owned a child process.
 */
export const killedProcessKillsThreads: Claim = {
  statement: 'Killing a process kills every thread in it.',
  nodeReading: 'Workers, and what they hold, when the process that owns them is killed.',
  evaluate(record: RunRecord): ClaimVerdict {
    const index = indexCells(record);
    const cells = index.select('host-death', 'thread');
    const { ended, hung } = countEndings(cells);
    if (ended + hung === 0) return decide('not measured', 'No host that owned a worker was killed (`host-death` in a thread) with the result measured.');
    const left = describeLeft(cells, index.workloads);
    const children = describeLeft(index.select('host-death', 'process'), index.workloads, ['processes']);
    return decide(
      hung === 0 ? 'confirmed' : ended === 0 ? 'refuted' : 'partly true',
      `Killing the host ${describeEndings(cells, index.workloads)}.`,
      left === null ? null : `What the worker held outlived it: it ${left}.`,
      children === null ? null : `A child process, by contrast, is not part of its host: killing the host ${children}.`,
    );
  },
};

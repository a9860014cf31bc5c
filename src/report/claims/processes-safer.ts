import type { RunRecord } from '../../record/run-record.ts';
import { type CellView, indexCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { listFound } from '../evidence/findings.ts';
import { joinWords } from '../evidence/join-words.ts';
import { type Claim, type ClaimVerdict, decide } from './claim.ts';

/**
 * Per workload, the forced stop of each runtime (terminate() of a worker, SIGKILL of a child): the kinds of thing each
 * left after the trials it ended, plus "hung" when it did not end the work. A process is safer on a workload when it
 * shows fewer kinds. Confirmed: safer on some workload and worse on none; partly true: safer on some, worse on others;
 * refuted: safer on none; not measured: no workload ran both.
 */
export const processesSafer: Claim = {
  statement: 'A process can be killed more safely than a thread, because its memory is its own.',
  nodeReading: 'Run the same work in a worker and in a child and stop each by force (terminate(), SIGKILL): which leaves less behind?',
  evaluate(record: RunRecord): ClaimVerdict {
    const index = indexCells(record);
    const pairs = index.workloads.flatMap((workload) => {
      const thread = index.find(workload, 'terminate', 'thread');
      const process = index.find(workload, 'sigkill', 'process');
      return thread && process && thread.all.probed > 0 && process.all.probed > 0 ? [{ thread: listKinds(thread), process: listKinds(process), cells: [thread, process] }] : [];
    });
    if (pairs.length === 0) return decide('not measured', 'No workload ran under both terminate() in a thread and SIGKILL in a process.');
    const safer = pairs.filter(({ thread, process }) => process.length < thread.length);
    const worse = pairs.filter(({ thread, process }) => process.length > thread.length);
    const same = pairs.filter(({ thread, process }) => process.length === thread.length);
    const lines = [...safer, ...worse].map(
      ({ thread, process, cells }) => `terminate() of the worker left ${describeKinds(thread)}; SIGKILL of the child left ${describeKinds(process)} ${citeCells(cells, index.workloads)}.`,
    );
    const sameLine = same.length === 0 ? null : `Both left the same number of kinds in the other workloads ${citeCells(same.flatMap(({ cells }) => cells), index.workloads)}.`;
    const verdict = safer.length === 0 ? 'refuted' : worse.length === 0 ? 'confirmed' : 'partly true';
    return decide(verdict, ...lines, sameLine);
  },
};

/** What a forced stop left, by kind, after the trials it ended; "hung" when it did not end the work in some trial. */
function listKinds(cell: CellView): string[] {
  const found = cell.ended === null ? [] : listFound(cell.ended).map(({ finding, share }) => `${finding.label} ${share.found}/${share.of}`);
  return cell.all.outcomes.hung > 0 ? [...found, `hung ${cell.all.outcomes.hung}/${cell.all.trials}`] : found;
}

function describeKinds(kinds: readonly string[]): string {
  return kinds.length === 0 ? 'nothing' : joinWords(kinds);
}

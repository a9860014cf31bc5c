import type { KillStyleName } from '../../kill-styles/kill-styles.ts';
import type { RunRecord } from '../../record/run-record.ts';
import type { RuntimeName } from '../../runtime/runtime.ts';
import { type CellIndex, indexCells, selectCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { describeLeft } from '../evidence/contrast-findings.ts';
import { countEndings, describeEndings } from '../evidence/describe-endings.ts';
import { pairStops } from '../evidence/paired-stops.ts';
import { countOf } from '../format-cell.ts';
import { formatMilliseconds } from '../format-stop.ts';
import { renderInlineCode } from '../markdown-syntax.ts';
import { type Claim, type ClaimVerdict, decide } from './claim.ts';

/** Each runtime's forced stop, the latency a cooperative abort is weighed against. */
const FORCED: Record<RuntimeName, KillStyleName> = { thread: 'terminate', process: 'sigkill' };

/**
 * abort in each runtime. Confirmed: it ended every trial, cleanup ran in all of them, none leaked, and its median stop
 * was slower than the forced stop's in every runtime compared; refuted: it ended no trial, every trial it ended leaked,
 * or cleanup ran in none; partly true: anything between (hangs, leftovers, no latency cost); not measured: no abort
 * trial was probed.
 */
export const cooperativeStopCleansUp: Claim = {
  statement: 'Stopping cooperatively with a flag or event lets the worker clean up completely, at a stop latency set by how often it checks.',
  nodeReading: 'abort: what it leaves behind, and its stop latency, against the forced stop of the same runtime.',
  evaluate(record: RunRecord): ClaimVerdict {
    const index = indexCells(record);
    const runtimes = (['thread', 'process'] as const).filter((runtime) => index.select('abort', runtime).length > 0);
    if (runtimes.length === 0) return decide('not measured', 'No cooperative abort was probed.');
    const cells = runtimes.flatMap((runtime) => index.select('abort', runtime));
    const ended = cells.flatMap((cell) => (cell.ended === null ? [] : [cell.ended]));
    const { ended: endedTrials, hung } = countEndings(cells);
    const leaked = ended.reduce((sum, cell) => sum + cell.outcomes.leaked, 0);
    const cleanupRan = ended.reduce((sum, cell) => sum + cell.cleanupRan, 0);
    const cleanupMeasured = ended.reduce((sum, cell) => sum + cell.cleanupMeasured, 0);
    const latencies = runtimes.map((runtime) => compareLatency(record, runtime));
    const slower = latencies.every((latency) => latency?.slower ?? true) && latencies.some((latency) => latency !== null);
    const complete = leaked === 0 && cleanupRan === cleanupMeasured && hung === 0;
    const verdict = endedTrials === 0 || leaked === endedTrials || cleanupRan === 0 ? 'refuted' : complete && slower ? 'confirmed' : 'partly true';
    return decide(
      verdict,
      ...runtimes.flatMap((runtime) => describeRuntime(index, runtime)),
      ...latencies.map((latency) => latency?.line ?? null),
      'The run does not vary how often a workload checks for the stop, so how the latency depends on it is not measured.',
    );
  },
};

function describeRuntime(index: CellIndex, runtime: RuntimeName): string[] {
  const cells = index.select('abort', runtime);
  const ended = cells.filter((cell) => cell.ended !== null);
  const cleanup = ended.reduce((sum, cell) => sum + (cell.ended?.cleanupRan ?? 0), 0);
  const measuredTrials = ended.reduce((sum, cell) => sum + (cell.ended?.cleanupMeasured ?? 0), 0);
  const left = describeLeft(ended, index.workloads);
  return [
    `In a ${runtime}, abort ${describeEndings(cells, index.workloads)}.`,
    ...(ended.length === 0 ? [] : [`Where it ended the work, cleanup ran in ${cleanup}/${measuredTrials} trials ${citeCells(ended, index.workloads)}, and it ${left ?? 'left nothing behind'}.`]),
  ];
}

/** Median stop of abort against the runtime's forced stop, over the workloads both ended; null when there is none. */
function compareLatency(record: RunRecord, runtime: RuntimeName): { slower: boolean; line: string } | null {
  const index = indexCells(record);
  const forced = FORCED[runtime];
  const paired = pairStops(record, { kill: 'abort', runtime }, { kill: forced, runtime });
  if (paired === null) return null;
  const { workloads, first, second } = paired;
  return {
    slower: first.median > second.median,
    line:
      `In a ${runtime}, the median stop took ${formatMilliseconds(first.median)} ms after abort (${countOf(first.count, 'trial')}) ` +
      `and ${formatMilliseconds(second.median)} ms after ${renderInlineCode(forced)} (${countOf(second.count, 'trial')}) ` +
      `${citeCells([...selectCells(index, 'abort', runtime, workloads), ...selectCells(index, forced, runtime, workloads)], index.workloads)}.`,
  };
}

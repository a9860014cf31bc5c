import type { TrialOutcome } from '../record/trial-result.ts';
import type { RunPlan } from '../record/run-record.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import { type ComparedStyle, type MissingColumn, pickComparedStyles } from './compared-styles.ts';
import { OUTCOME_SEVERITY } from './outcomes.ts';
import type { CellSummary } from './summarize-cell.ts';

/** One workload whose stop went worse in one runtime, judged by each cell's worst outcome. */
export interface WorseCell {
  readonly workload: string;
  readonly thread: TrialOutcome;
  readonly process: TrialOutcome;
}

/** One stop (forced or cooperative) set side by side in a thread and a process, workload by workload. */
export interface RuntimeComparison {
  readonly stop: ComparedStyle['stop'];
  readonly threadKill: ComparedStyle['kill'];
  readonly processKill: ComparedStyle['kill'];
  readonly worseInThread: readonly WorseCell[];
  readonly worseInProcess: readonly WorseCell[];
  readonly same: readonly string[];
  /** Errored, n/a or not run in one of them. */
  readonly notCompared: readonly string[];
}

/** The report's first answer: the columns of its table, the runtimes that have none, and the comparisons under it. */
export interface ThreadOrProcess {
  readonly columns: readonly ComparedStyle[];
  readonly missing: readonly MissingColumn[];
  /** The columns of the table of stop sequences under it: each planned sequence in each runtime it applies to. */
  readonly sequences: readonly ComparedStyle[];
  readonly comparisons: readonly RuntimeComparison[];
}

/** Outcomes a stop can be compared on; errored and not-applicable cells are not compared. */
const COMPARED: ReadonlySet<TrialOutcome> = new Set(['stopped', 'leaked', 'hung']);

export function compareThreadAndProcess(plan: RunPlan, find: FindCell): ThreadOrProcess {
  const { columns, missing, sequences } = pickComparedStyles(plan);
  const workloads = plan.workloads.map((workload) => workload.name);
  const comparisons = (['forced', 'cooperative'] as const).flatMap((stop) => {
    const thread = columns.find((column) => column.stop === stop && column.runtime === 'thread');
    const process = columns.find((column) => column.stop === stop && column.runtime === 'process');
    return thread === undefined || process === undefined ? [] : [compareStop(stop, thread, process, find, workloads)];
  });
  return { columns, missing, sequences, comparisons };
}

/** The cell of a workload, kill style and runtime; null when the run recorded no trial of it. */
export type FindCell = (workload: string, kill: ComparedStyle['kill'], runtime: RuntimeName) => CellSummary | null;

function compareStop(stop: ComparedStyle['stop'], thread: ComparedStyle, process: ComparedStyle, find: FindCell, workloads: readonly string[]) {
  const comparison = { worseInThread: [] as WorseCell[], worseInProcess: [] as WorseCell[], same: [] as string[], notCompared: [] as string[] };
  for (const workload of workloads) {
    const threadOutcome = find(workload, thread.kill, 'thread')?.worst;
    const processOutcome = find(workload, process.kill, 'process')?.worst;
    if (threadOutcome === undefined || processOutcome === undefined || !COMPARED.has(threadOutcome) || !COMPARED.has(processOutcome)) {
      comparison.notCompared.push(workload);
    } else if (threadOutcome === processOutcome) comparison.same.push(workload);
    else {
      const worse = OUTCOME_SEVERITY[threadOutcome] > OUTCOME_SEVERITY[processOutcome] ? comparison.worseInThread : comparison.worseInProcess;
      worse.push({ workload, thread: threadOutcome, process: processOutcome });
    }
  }
  return { stop, threadKill: thread.kill, processKill: process.kill, ...comparison };
}

import type { AnalysisView } from '../analysis/analysis.ts';
import type { ComparedStyle, MissingColumn } from '../analysis/compared-styles.ts';
import { LEFTOVER_KINDS, type LeftoverTally, TRIAL_DIRECTORY_NAME } from '../analysis/leftover-kinds.ts';
import { OUTCOMES } from '../analysis/outcomes.ts';
import type { CellSummary } from '../analysis/summarize-cell.ts';
import type { RuntimeComparison, WorseCell } from '../analysis/thread-or-process.ts';
import type { RunPlan } from '../record/run-record.ts';
import { joinWords } from './evidence/join-words.ts';
import { countOf } from '../text/count-of.ts';
import { capitalize, formatLifetimes, formatSeconds } from './format-cell.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';
import { GRID_FILE_NAME } from './svg-stop-grid.ts';

/** A cell names this many things of one kind, then says how many more there were. */
const NAMES_SHOWN = 2;
/** How a column's header names its stop. */
const STOP_LABELS: Readonly<Record<ComparedStyle['stop'], string>> = {
  forced: 'forced',
  tree: 'forced with its descendants',
  cooperative: 'cooperative',
  sequence: 'sequence',
};

/**
 * The report's headline table: per workload, what the forced stop (and tree-kill, where it ran) and the cooperative
 * stop left in a worker thread and in a child process, named, with k/n beside every figure; above it the grid of every
 * kill style (report.svg), under it the table of the run's stop sequences.
 */
export function renderThreadOrProcess(plan: RunPlan, view: AnalysisView, { withImage = true }: { withImage?: boolean } = {}): string {
  const { columns, missing, comparisons } = view.threadOrProcess;
  const picture = `![Every kill style against every workload: per cell a square for the thread (T) and one for the process (P), coloured by outcome, with what leaked named under it](${GRID_FILE_NAME})`;
  // A report across Node.js versions shows the picture once, above every version's section.
  const image = withImage ? [picture] : [];
  const about = [
    'Per workload, what stopping it left behind in a worker thread and in a child process, forced and cooperatively (each column names its kill style), as trials out of the trials run (k/n).',
    `A count before a leftover is the most one trial left; \`${TRIAL_DIRECTORY_NAME}\` is the trial's private temp directory.`,
    `**hung** means the work had not ended ${formatSeconds(plan.stopTimeoutMs)} after the stop (of the time the machine gave it: its waits for a CPU do not count) and the harness killed its host: the stop failed, which says nothing of what a stop leaves.`,
    ...(plan.lingerMs === undefined || plan.lingerMs === 0
      ? []
      : [
          `What a stop left while a process of the trial still lived was watched for up to ${formatSeconds(plan.lingerMs)} after the kill: a cell says whether it went away by itself (a lingering leftover) or was still there (one that stays).`,
        ]),
    'The grid above shows every kill style the same way; the tables under Results have every measurement.',
  ].join(' ');
  const heading = '## Thread or process: what each stop left';
  const without = missing.map(describeMissing);
  const table = columns.length === 0 ? 'This run has no forced or cooperative stop to set side by side.' : renderColumns(plan, view, columns, describeCell);
  return [heading, ...image, about, table, ...without, ...comparisons.map(describeComparison), ...renderSequences(plan, view)].join('\n\n');
}

/** One row per workload, one column per style and runtime, each cell as `describe` says it. */
function renderColumns(plan: RunPlan, view: AnalysisView, columns: readonly ComparedStyle[], describe: (cell: CellSummary | null) => string): string {
  const header = ['Workload', ...columns.map((column) => `${capitalize(column.runtime)}, ${STOP_LABELS[column.stop]}: ${renderInlineCode(column.kill)}`)];
  const find = (workload: string, column: ComparedStyle) =>
    view.cells.find((cell) => cell.workload === workload && cell.kill === column.kill && cell.runtime === column.runtime) ?? null;
  return renderTable(
    header,
    plan.workloads.map(({ name }) => [name, ...columns.map((column) => describe(find(name, column)))]),
  );
}

/** The planned sequences of steps, each in the runtimes it applies to, with the step after which the work was gone. */
function renderSequences(plan: RunPlan, view: AnalysisView): string[] {
  const { sequences } = view.threadOrProcess;
  if (sequences.length === 0) return [];
  const about =
    '**Stop sequences**, their steps in turn (`--list` says each): a wait ends once the work is gone, and `ended by` counts the step after which it was; ' +
    `here **hung** means the work had not ended ${formatSeconds(plan.stopTimeoutMs)} after the last step.`;
  return [about, renderColumns(plan, view, sequences, describeSequenceCell)];
}

/** `stopped 2/2; ended by abort 1, force 1`. */
function describeSequenceCell(cell: CellSummary | null): string {
  const steps = Object.entries(cell?.endedBy ?? {});
  return steps.length === 0 ? describeCell(cell) : `${describeCell(cell)}; ended by ${steps.map(([step, trials]) => `${step} ${trials}`).join(', ')}`;
}

/** `stopped 1/2; leaked 1/2: 1 process (`sleep`)`; `n/a` alone when the style does not apply; `not run` for a cell without trials. */
export function describeCell(cell: CellSummary | null): string {
  if (cell === null) return 'not run';
  if (cell.outcomes['not-applicable'] === cell.trials) return 'n/a';
  return OUTCOMES.filter((outcome) => cell.outcomes[outcome] > 0)
    .map((outcome) => {
      const share = `${cell.outcomes[outcome]}/${cell.trials}`;
      if (outcome === 'hung') return `**hung** ${share}${cell.hungAtStart > 0 ? ` (${cell.hungAtStart} before ready)` : ''}`;
      if (outcome === 'errored') return `**errored** ${share}`;
      if (outcome === 'leaked') return `leaked ${share}: ${cell.kinds.flatMap((tally) => describeTally(tally, cell)).join(', ')}${formatLifetimes(cell)}`;
      return `${outcome === 'not-applicable' ? 'n/a' : outcome} ${share}`;
    })
    .join('; ');
}

/** `3 temp files (`<trial>/a`, `<trial>/b`, 1 more)`, with its own k/n when fewer trials left it than leaked. */
function describeTally({ kind, trials, most }: LeftoverTally, cell: CellSummary): string[] {
  if (most === null) return [];
  const { noun, literalNames } = LEFTOVER_KINDS[kind];
  const counted = typeof noun === 'string' ? noun : `${most.count} ${most.count === 1 ? noun[0] : noun[1]}`;
  const shown = most.names.slice(0, NAMES_SHOWN).map((name) => (literalNames ? renderInlineCode(name) : name));
  const more = most.names.length > NAMES_SHOWN ? [`${most.names.length - NAMES_SHOWN} more`] : [];
  const names = shown.length === 0 ? '' : ` (${[...shown, ...more].join(', ')})`;
  const share = trials < cell.outcomes.leaked ? ` in ${trials}/${cell.trials}` : '';
  return [`${counted}${names}${share}`];
}

function describeMissing({ stop, runtime, planned }: MissingColumn): string {
  const styles = planned.length === 0 ? `the run has no ${stop} stop` : `none of ${joinWords(planned.map(renderInlineCode))} applies to it`;
  return `No ${stop} column for the ${runtime} runtime: ${styles}.`;
}

/** In which workloads a stop went worse in a thread, in which in a process, by each cell's worst outcome. */
function describeComparison(comparison: RuntimeComparison): string {
  const { threadKill, processKill } = comparison;
  const styles = threadKill === processKill ? renderInlineCode(threadKill) : `${renderInlineCode(threadKill)} against ${renderInlineCode(processKill)}`;
  const lead = `**${capitalize(comparison.stop)} stop** (${styles}), by each cell's worst outcome (stopped, then leaked, then hung):`;
  const notCompared = comparison.notCompared.length === 0 ? [] : [`not compared (errored, n/a or not run): ${joinWords(comparison.notCompared)}`];
  const compared = comparison.same.length + comparison.worseInThread.length + comparison.worseInProcess.length;
  if (compared === 0) return `${lead} ${notCompared.join('')}.`;
  const clauses = [
    `worse in a thread for ${describeWorse(comparison.worseInThread, 'thread')}`,
    `worse in a process for ${describeWorse(comparison.worseInProcess, 'process')}`,
    `the same for ${comparison.same.length === 0 ? 'none' : countOf(comparison.same.length, 'workload')}`,
    ...notCompared,
  ];
  return `${lead} ${clauses.join('; ')}.`;
}

/** `a and b (hung where the process leaked)`, one group per way it went worse; `none` without any. */
function describeWorse(cells: readonly WorseCell[], worse: 'thread' | 'process'): string {
  if (cells.length === 0) return 'none';
  const byHow = new Map<string, string[]>();
  for (const cell of cells) {
    const how = worse === 'thread' ? `${cell.thread} where the process ${cell.process}` : `${cell.process} where the thread ${cell.thread}`;
    byHow.set(how, [...(byHow.get(how) ?? []), cell.workload]);
  }
  return [...byHow].map(([how, workloads]) => `${joinWords(workloads)} (${how})`).join(', ');
}

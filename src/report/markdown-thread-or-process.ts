import type { RunRecord } from '../record/run-record.ts';
import type { TrialOutcome } from '../record/trial-result.ts';
import { type ComparedStyle, pickComparedStyles } from '../analysis/compared-styles.ts';
import { countOf } from './format-cell.ts';
import { LEFTOVER_KINDS, TRIAL_DIRECTORY_NAME } from '../analysis/leftover-kinds.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';
import { collectStopCells, type FindStopCell, findWorstOutcome, type LeftoverTally, type StopCell } from '../analysis/stop-cells.ts';
import { GRID_FILE_NAME } from './svg-stop-grid.ts';

/** A cell names this many things of one kind, then says how many more there were. */
const NAMES_SHOWN = 2;
/** The order a cell lists its outcomes in: the ones a stop ended first, then the ones that went wrong. */
const OUTCOME_ORDER: readonly TrialOutcome[] = ['stopped', 'leaked', 'hung', 'errored', 'not-applicable'];
/** How outcomes compare when the section says which runtime a stop went worse in; errored and n/a cells are not compared. */
const OUTCOME_RANK = { stopped: 0, leaked: 1, hung: 2 } as const satisfies Partial<Record<TrialOutcome, number>>;
type RankedOutcome = keyof typeof OUTCOME_RANK;

/**
 * The report's first answer: per workload, what the forced and the cooperative stop left in a worker thread and in
 * a child process, named, with k/n beside every figure; above it the grid of every kill style (report.svg).
 */
export function renderThreadOrProcess(record: RunRecord, { withImage = true }: { withImage?: boolean } = {}): string {
  const { plan } = record;
  const columns = pickComparedStyles(plan);
  const find = collectStopCells(record.results);
  const workloads = plan.workloads.map((workload) => workload.name);
  const picture = `![Every kill style against every workload: per cell a square for the thread (T) and one for the process (P), coloured by outcome, with what leaked named under it](${GRID_FILE_NAME})`;
  // A report across Node.js versions shows the picture once, above every version's section.
  const image = withImage ? [picture] : [];
  const about = [
    'Per workload, what stopping it left behind in a worker thread and in a child process, forced and cooperatively (each column names its kill style), as trials out of the trials run (k/n).',
    `A count before a leftover is the most one trial left; \`${TRIAL_DIRECTORY_NAME}\` is the trial's private temp directory.`,
    `**hung** means the work had not ended ${formatSeconds(plan.stopTimeoutMs)} after the stop (or never became ready) and the harness killed its host: the stop failed, which says nothing of what a stop leaves.`,
    'The grid above shows every kill style the same way; the tables under Results have every measurement.',
  ].join(' ');
  if (columns.length === 0)
    return ['## Thread or process: what each stop left', ...image, about, 'This run has no forced or cooperative stop to set side by side.'].join('\n\n');
  const header = ['Workload', ...columns.map((column) => `${capitalize(column.runtime)}, ${column.stop}: ${renderInlineCode(column.kill)}`)];
  const rows = workloads.map((workload) => [workload, ...columns.map((column) => describeCell(find(workload, column.kill, column.runtime)))]);
  const comparisons = (['forced', 'cooperative'] as const).flatMap((stop) => compareRuntimes(columns, stop, find, workloads));
  return ['## Thread or process: what each stop left', ...image, about, renderTable(header, rows), ...comparisons].join('\n\n');
}

/** `stopped 1/2; leaked 1/2: 1 process (`sleep`)`; `n/a` alone when the style does not apply; `not run` for a cell without trials. */
export function describeCell(cell: StopCell | null): string {
  if (cell === null) return 'not run';
  if (cell.outcomes['not-applicable'] === cell.trials) return 'n/a';
  return OUTCOME_ORDER.filter((outcome) => cell.outcomes[outcome] > 0)
    .map((outcome) => {
      const share = `${cell.outcomes[outcome]}/${cell.trials}`;
      if (outcome === 'hung') return `**hung** ${share}${cell.hungAtStart > 0 ? ` (${cell.hungAtStart} before ready)` : ''}`;
      if (outcome === 'errored') return `**errored** ${share}`;
      if (outcome === 'leaked') return `leaked ${share}: ${cell.leftovers.map((tally) => describeTally(tally, cell)).join(', ')}`;
      return `${outcome === 'not-applicable' ? 'n/a' : outcome} ${share}`;
    })
    .join('; ');
}

/** `3 temp files (`<trial>/a`, `<trial>/b`, 1 more)`, with its own k/n when fewer trials left it than leaked. */
function describeTally({ kind, trials, most }: LeftoverTally, cell: StopCell): string {
  const { noun, literalNames } = LEFTOVER_KINDS[kind];
  const counted = typeof noun === 'string' ? noun : `${most.count} ${most.count === 1 ? noun[0] : noun[1]}`;
  const shown = most.names.slice(0, NAMES_SHOWN).map((name) => (literalNames ? renderInlineCode(name) : name));
  const more = most.names.length > NAMES_SHOWN ? [`${most.names.length - NAMES_SHOWN} more`] : [];
  const names = shown.length === 0 ? '' : ` (${[...shown, ...more].join(', ')})`;
  const share = trials < cell.outcomes.leaked ? ` in ${trials}/${cell.trials}` : '';
  return `${counted}${names}${share}`;
}

/**
 * One sentence per stop that has a column for both runtimes: in which workloads it went worse in a thread, in which
 * in a process, judged by each cell's worst outcome (stopped, then leaked, then hung) and nothing finer.
 */
function compareRuntimes(columns: readonly ComparedStyle[], stop: ComparedStyle['stop'], find: FindStopCell, workloads: readonly string[]): string[] {
  const thread = columns.find((column) => column.stop === stop && column.runtime === 'thread');
  const process = columns.find((column) => column.stop === stop && column.runtime === 'process');
  if (thread === undefined || process === undefined) return [];
  const worse = { thread: new Map<string, string[]>(), process: new Map<string, string[]>() };
  const same: string[] = [];
  const apart: string[] = [];
  for (const workload of workloads) {
    const threadOutcome = rankedOutcome(find(workload, thread.kill, 'thread'));
    const processOutcome = rankedOutcome(find(workload, process.kill, 'process'));
    if (threadOutcome === null || processOutcome === null) apart.push(workload);
    else if (threadOutcome === processOutcome) same.push(workload);
    else {
      const threadWorse = OUTCOME_RANK[threadOutcome] > OUTCOME_RANK[processOutcome];
      const how = threadWorse ? `${threadOutcome} where the process ${processOutcome}` : `${processOutcome} where the thread ${threadOutcome}`;
      const byHow = threadWorse ? worse.thread : worse.process;
      byHow.set(how, [...(byHow.get(how) ?? []), workload]);
    }
  }
  const styles = thread.kill === process.kill ? renderInlineCode(thread.kill) : `${renderInlineCode(thread.kill)} against ${renderInlineCode(process.kill)}`;
  const lead = `**${capitalize(stop)} stop** (${styles}), by each cell's worst outcome (stopped, then leaked, then hung):`;
  const notCompared = apart.length === 0 ? [] : [`not compared (errored, n/a or not run): ${joinWords(apart)}`];
  if (apart.length === workloads.length) return [`${lead} ${notCompared.join('')}.`];
  const clauses = [
    `worse in a thread for ${describeWorse(worse.thread)}`,
    `worse in a process for ${describeWorse(worse.process)}`,
    `the same for ${same.length === 0 ? 'none' : countOf(same.length, 'workload')}`,
    ...notCompared,
  ];
  return [`${lead} ${clauses.join('; ')}.`];
}

/** `a and b (hung where the process leaked)`, one group per way it went worse; `none` without any. */
function describeWorse(byHow: ReadonlyMap<string, readonly string[]>): string {
  if (byHow.size === 0) return 'none';
  return [...byHow].map(([how, workloads]) => `${joinWords(workloads)} (${how})`).join(', ');
}

/** A cell's worst outcome when it is one the comparison ranks; null for errored, n/a and missing cells. */
function rankedOutcome(cell: StopCell | null): RankedOutcome | null {
  if (cell === null) return null;
  const outcome = findWorstOutcome(cell);
  return outcome in OUTCOME_RANK ? (outcome as RankedOutcome) : null;
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function formatSeconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(1))} s`;
}

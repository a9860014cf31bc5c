import { notApplicableReason } from '../kill-styles/kill-style.ts';
import { killStyleOf } from '../kill-styles/kill-styles.ts';
import type { RunPlan, WorkloadEntry } from '../record/run-record.ts';
import { formatCleanup, formatFds, formatMemory, formatOutcomes, formatProcesses, formatTempFiles, NOTHING_RECORDED } from './format-cell.ts';
import { formatKillPoints } from './format-kill-point.ts';
import { formatOtherLeftovers } from './format-other-leftovers.ts';
import { formatStopMs } from './format-stop.ts';
import { formatParent } from './format-parent.ts';
import { renderApplicability } from './markdown-applicability.ts';
import { renderCodeBlock, renderInlineCode, renderListItem, renderTable } from './markdown-syntax.ts';
import type { AnalysisView } from '../analysis/analysis.ts';
import type { CellSummary } from '../analysis/summarize-cell.ts';

const HEADER = [
  'Kill style',
  'Runtime',
  'Outcome',
  'Kill point',
  'Fds left',
  'Temp files left',
  'Processes left',
  'Memory growth',
  'Other leftovers',
  'Cleanup ran',
  'Stop ms',
  'Parent after the stop',
];

/** Notes under a table, for text too long for a cell; the same text shares one number. */
interface Notes {
  add(text: string): number;
  render(): string;
}

/** The "Results" section: where each kill style applies, then one table per workload, rows in the order the trials ran. */
export function renderResults(plan: RunPlan, { cells }: AnalysisView): string {
  const planned = new Map(plan.workloads.map((workload) => [workload.name, workload]));
  const names = [...new Set([...planned.keys(), ...cells.map((cell) => cell.workload)])];
  const sections = names.map((name) =>
    renderWorkload(
      name,
      planned.get(name),
      cells.filter((cell) => cell.workload === name),
    ),
  );
  return ['## Results', renderApplicability(plan), ...sections].join('\n\n');
}

function renderWorkload(name: string, workload: WorkloadEntry | undefined, cells: readonly CellSummary[]): string {
  const about = [
    workload === undefined ? 'Not in the plan, yet trials of it were recorded.' : describeWorkload(workload),
    ...describeOwnExclusions(cells),
  ].join('\n\n');
  if (cells.length === 0) return [`### ${name}`, about, 'No trials were recorded for this workload.'].join('\n\n');
  const shown = selectApplicableKills(cells);
  if (shown.length === 0) return [`### ${name}`, about, 'No kill style of this run applies to it here.'].join('\n\n');
  const notes = createNotes();
  const table = renderTable(
    HEADER,
    shown.map((cell) => renderRow(cell, notes)),
  );
  return [`### ${name}`, about, table, notes.render()].filter(Boolean).join('\n\n');
}

/** Cells the workload itself ruled out (it cannot run here, or cannot see a stop request), which the run-wide table does not explain. */
function describeOwnExclusions(cells: readonly CellSummary[]): string[] {
  const killsByReason = new Map<string, Set<string>>();
  for (const cell of cells) {
    if (cell.notApplicable === null || cell.notApplicable === notApplicableReason(killStyleOf(cell.kill), cell.runtime)) continue;
    killsByReason.set(cell.notApplicable, (killsByReason.get(cell.notApplicable) ?? new Set()).add(cell.kill));
  }
  return [...killsByReason].map(([reason, kills]) => `Not applicable to this workload (${[...kills].map(renderInlineCode).join(', ')}): ${reason}.`);
}

/** A kill style that applies to none of the run's runtimes would be a block of `n/a`; the applicability table says why. */
function selectApplicableKills(cells: readonly CellSummary[]): CellSummary[] {
  const applicable = new Set(cells.filter((cell) => cell.notApplicable === null).map((cell) => cell.kill));
  return cells.filter((cell) => applicable.has(cell.kill));
}

function describeWorkload(workload: WorkloadEntry): string {
  const source = workload.source === 'built-in' ? 'built-in' : `from ${renderInlineCode(workload.source)}`;
  return [workload.description, `(${source})`].filter(Boolean).join(' ');
}

function renderRow(cell: CellSummary, notes: Notes): string[] {
  const names = [renderInlineCode(cell.kill), cell.runtime];
  if (cell.notApplicable !== null) return fillRow(names, 'n/a', '');
  const errorNotes = describeErrors(cell).map((text) => notes.add(text));
  const outcomes = formatOutcomes(cell) + referTo(errorNotes);
  if (cell.probed === 0) return fillRow(names, outcomes, NOTHING_RECORDED);
  if (cell.ended === 0) return fillRow([...names, outcomes], formatKillPoints(cell.killPoints), NONE_ENDED);
  const dataNotes = (cell.integrity?.details ?? []).map((detail) => notes.add(`**Data:** ${renderInlineCode(cell.kill)} in ${cell.runtime}: ${detail}`));
  const { fds, tempFiles, memory } = cell.leftovers;
  return [
    ...names,
    outcomes,
    formatKillPoints(cell.killPoints),
    formatFds(fds),
    formatTempFiles(tempFiles),
    formatProcesses(cell),
    formatMemory(memory),
    formatOtherLeftovers(cell) + referTo(dataNotes),
    formatCleanup(cell),
    formatStopMs(cell),
    formatParent(cell.parent),
  ];
}

/** Where no trial of a cell ended, nothing can be said of what its stop left: the work still held everything. */
const NONE_ENDED = 'no trial ended';

/** The leading cells and one more, then `filler` in every column left: explicitly empty rather than 0 or "not measured". */
function fillRow(leading: readonly string[], last: string, filler: string): string[] {
  const filled = [...leading, last];
  return [...filled, ...Array<string>(HEADER.length - filled.length).fill(filler)];
}

/** One note per distinct error text, naming the trials that failed with it. */
function describeErrors(cell: CellSummary): string[] {
  const trialsByError = new Map<string, number[]>();
  for (const { trial, error } of cell.errors) trialsByError.set(error, [...(trialsByError.get(error) ?? []), trial]);
  return [...trialsByError].map(([error, trials]) => {
    const which = `${trials.length === 1 ? 'trial' : 'trials'} ${trials.join(', ')}`;
    return `**Errored:** ${renderInlineCode(cell.kill)} in ${cell.runtime}, ${which}:\n\n${renderCodeBlock(error)}`;
  });
}

function referTo(notes: readonly number[]): string {
  return notes.map((note) => ` (note ${note})`).join('');
}

function createNotes(): Notes {
  const texts: string[] = [];
  return {
    add(text) {
      const existing = texts.indexOf(text);
      if (existing !== -1) return existing + 1;
      return texts.push(text);
    },
    render() {
      if (texts.length === 0) return '';
      return ['Notes:', ...texts.map((text, index) => renderListItem(index + 1, text))].join('\n\n');
    },
  };
}

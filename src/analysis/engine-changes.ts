import { PROBE_NAMES } from '../probes/probes.ts';
import { cellId, nameCell } from '../record/trial-result.ts';
import { OUTCOMES } from './outcomes.ts';
import type { SampleSummary } from '../statistics/summarize-samples.ts';
import type { Judged } from '../verdicts/judge-run.ts';
import type { CellSummary } from './summarize-cell.ts';
import type { RuntimeSummary } from './summarize-runtimes.ts';

/** What one rule reads of a cell in one engine: a value to compare across engines, and the k/n behind it. */
export interface CellReading {
  /** Compared across engines: the cell changed under this rule when two engines read different values. */
  readonly value: string;
  /** How the reading is shown: "stopped 1/1", "left 2/2 ended trials". */
  readonly shown: string;
}

/** One way a cell can change between engines: what it reads of a cell, or null where the cell cannot say (nothing ended, say). */
export interface ChangeRule {
  readonly id: string;
  /** What changed, for the sentence's head: "How the stop ended". */
  readonly title: string;
  read(cell: CellSummary): CellReading | null;
}

/** A cell of which a rule read different values in different engines, with each engine's reading. */
export interface CellChange {
  readonly rule: string;
  readonly title: string;
  readonly cell: string;
  readonly readings: readonly { readonly engine: string; readonly reading: CellReading | null }[];
}

const share = (k: number, n: number) => `${k}/${n}`;

/** Whether the cell ran; then, of the ran trials, how each rule's reading may differ. Order is the report's. */
const CHANGE_RULES: readonly ChangeRule[] = [
  {
    id: 'applies',
    title: 'Whether the cell could run',
    read: (cell) =>
      cell.notApplicable === null ? { value: 'ran', shown: 'ran' } : { value: 'not applicable', shown: `not applicable: ${cell.notApplicable}` },
  },
  {
    id: 'outcome',
    title: 'How the stop ended',
    read(cell) {
      if (cell.notApplicable !== null) return null;
      const seen = OUTCOMES.filter((outcome) => cell.outcomes[outcome] > 0);
      return { value: seen.join('+'), shown: seen.map((outcome) => `${outcome} ${share(cell.outcomes[outcome], cell.trials)}`).join(', ') };
    },
  },
  ...PROBE_NAMES.map((probe): ChangeRule => ({
    id: `left-${probe}`,
    title: `What the stop left: ${probe}`,
    read(cell) {
      const tally = cell.leftovers[probe];
      if (tally === null || tally.measured === 0) return null;
      const left = tally.withLeftovers > 0;
      return {
        value: left ? 'left' : 'none',
        shown: `${left ? `left some (most ${tally.worst.total})` : 'left none'} in ${share(tally.withLeftovers, tally.measured)} ended trials`,
      };
    },
  })),
  {
    id: 'cleanup',
    title: 'Whether cleanup ran',
    read(cell) {
      if (cell.cleanupMeasured === 0) return null;
      const value = cell.cleanupRan === 0 ? 'never' : cell.cleanupRan === cell.cleanupMeasured ? 'always' : 'sometimes';
      return { value, shown: `cleanup ran in ${share(cell.cleanupRan, cell.cleanupMeasured)}` };
    },
  },
  {
    id: 'data',
    title: 'Whether acknowledged data survived',
    read(cell) {
      if (cell.integrity === null || cell.integrity.checked === 0) return null;
      const broken = cell.integrity.broken > 0;
      return { value: broken ? 'broken' : 'intact', shown: `data broken in ${share(cell.integrity.broken, cell.integrity.checked)}` };
    },
  },
  {
    id: 'mutex',
    title: 'Whether the shared mutex was left held',
    read(cell) {
      if (cell.sharedMutex === null || cell.sharedMutex.measured === 0) return null;
      return { value: cell.sharedMutex.held > 0 ? 'held' : 'free', shown: `mutex held in ${share(cell.sharedMutex.held, cell.sharedMutex.measured)}` };
    },
  },
];

/** One engine as the comparison reads it: its cells, its verdicts and its runtimes' figures. */
export interface EngineReading {
  readonly engine: string;
  readonly cells: readonly CellSummary[];
  readonly verdicts: readonly Judged[];
  readonly runtimes: readonly RuntimeSummary[];
}

/** A verdict that differs between engines, with each engine's. */
export interface VerdictChange {
  readonly id: string;
  readonly language: Judged['language'];
  readonly verdicts: readonly (Judged | null)[];
}

/** A figure is said to have changed when its medians differ by this factor or more, over at least this many trials in each engine. */
export const FIGURE_CHANGE = { ratio: 1.25, minTrials: 5 } as const;

/** The figures compared per runtime across engines: spawn latency, stop time and the memory the work added. */
export const ENGINE_FIGURES = [
  { name: 'Spawn latency', unit: 'ms', read: (summary: RuntimeSummary) => summary.startMs },
  { name: 'Stop time', unit: 'ms', read: (summary: RuntimeSummary) => summary.stopMs },
  { name: 'Work memory at ready (PSS)', unit: 'MiB', read: (summary: RuntimeSummary) => mebibytes(summary.workMemory?.pssBytes ?? null) },
] as const;

export interface Median {
  readonly median: number;
  readonly count: number;
}

/** A figure of one runtime whose medians moved by FIGURE_CHANGE.ratio or more. */
export interface FigureChange {
  readonly figure: (typeof ENGINE_FIGURES)[number]['name'];
  readonly unit: 'ms' | 'MiB';
  readonly runtime: string;
  readonly medians: readonly (Median | null)[];
  /** Between the slowest and the fastest. */
  readonly ratio: number;
}

/** What changed between the engines of a run across engines (Node.js versions, Bun, Deno). */
export interface EngineChanges {
  readonly engines: readonly string[];
  /** Cells every engine ran. */
  readonly comparedCells: number;
  /** Of them, the cells a rule found different. */
  readonly changedCells: number;
  readonly cells: readonly CellChange[];
  readonly verdicts: readonly VerdictChange[];
  readonly figures: readonly FigureChange[];
}

export function compareEngines(readings: readonly EngineReading[]): EngineChanges {
  const cells = findCellChanges(readings);
  return {
    engines: readings.map((reading) => reading.engine),
    comparedCells: countComparedCells(readings),
    changedCells: new Set(cells.map((change) => change.cell)).size,
    cells,
    verdicts: findVerdictChanges(readings),
    figures: findFigureChanges(readings),
  };
}

/**
 * Every cell of which a rule read different values across the engines that could read it. A cell only some engines
 * ran is one change, under `applies`; its other rules compare the engines that ran it.
 */
function findCellChanges(readings: readonly EngineReading[]): CellChange[] {
  const byEngine = readings.map(({ engine, cells }) => ({ engine, cells: new Map(cells.map((cell) => [cellId(cell), cell])) }));
  const ids = [...new Set(byEngine.flatMap(({ cells }) => [...cells.keys()]))];
  const changes: CellChange[] = [];
  for (const rule of CHANGE_RULES) {
    for (const id of ids) {
      const cellReadings = byEngine.map(({ engine, cells }) => {
        const cell = cells.get(id);
        return { engine, reading: cell === undefined ? null : rule.read(cell) };
      });
      const values = new Set(cellReadings.flatMap(({ reading }) => (reading === null ? [] : [reading.value])));
      const cell = byEngine.map(({ cells }) => cells.get(id)).find((found) => found !== undefined);
      if (values.size > 1 && cell !== undefined) changes.push({ rule: rule.id, title: rule.title, cell: nameCell(cell), readings: cellReadings });
    }
  }
  return changes;
}

function countComparedCells(readings: readonly EngineReading[]): number {
  const sets = readings.map(({ cells }) => new Set(cells.map(cellId)));
  const [first, ...rest] = sets;
  return first === undefined ? 0 : [...first].filter((id) => rest.every((set) => set.has(id))).length;
}

/** The claims and tradeoffs whose verdict differs between engines. */
function findVerdictChanges(readings: readonly EngineReading[]): VerdictChange[] {
  const [first] = readings;
  if (first === undefined) return [];
  return first.verdicts.flatMap(({ rule, language }) => {
    const each = readings.map(({ verdicts }) => verdicts.find((entry) => entry.rule.id === rule.id && entry.language === language) ?? null);
    return new Set(each.map((entry) => entry?.outcome.verdict)).size > 1 ? [{ id: rule.id, language, verdicts: each }] : [];
  });
}

/** The figures whose medians moved by FIGURE_CHANGE.ratio or more, with enough trials on each side to say so. */
function findFigureChanges(readings: readonly EngineReading[]): FigureChange[] {
  const runtimes = [...new Set(readings.flatMap((reading) => reading.runtimes.map((summary) => summary.runtime)))];
  return ENGINE_FIGURES.flatMap((figure) =>
    runtimes.flatMap((runtime) => {
      const medians = readings.map((reading) => {
        const summary = reading.runtimes.find((entry) => entry.runtime === runtime);
        const sample = summary === undefined ? null : figure.read(summary);
        return sample === null ? null : { median: sample.median, count: sample.count };
      });
      const known = medians.filter((median) => median !== null);
      if (known.length < 2 || known.some((median) => median.count < FIGURE_CHANGE.minTrials)) return [];
      const values = known.map((median) => median.median);
      const ratio = Math.max(...values) / Math.max(Math.min(...values), Number.EPSILON);
      return ratio < FIGURE_CHANGE.ratio ? [] : [{ figure: figure.name, unit: figure.unit, runtime, medians, ratio }];
    }),
  );
}

function mebibytes(sample: SampleSummary | null): Median | null {
  return sample === null ? null : { median: sample.median / 1024 ** 2, count: sample.count };
}

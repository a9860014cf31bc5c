import { PROBE_NAMES } from '../probes/probes.ts';
import { cellId, nameCell } from '../record/trial-result.ts';
import { type CellSummary, OUTCOMES, summarizeCells } from './summarize-cell.ts';
import type { NodeView } from './node-views.ts';

/** What one rule reads of a cell in one version: a value to compare across versions, and the k/n behind it. */
export interface CellReading {
  /** Compared across versions: the cell changed under this rule when two versions read different values. */
  readonly value: string;
  /** How the reading is shown: "stopped 1/1", "left 2/2 ended trials". */
  readonly shown: string;
}

/** One way a cell can change between versions: what it reads of a cell, or null where the cell cannot say (nothing ended, say). */
export interface ChangeRule {
  readonly id: string;
  /** What changed, for the sentence's head: "How the stop ended". */
  readonly title: string;
  read(cell: CellSummary): CellReading | null;
}

/** A cell of which a rule read different values in different versions, with each version's reading. */
export interface CellChange {
  readonly rule: ChangeRule;
  readonly cell: string;
  readonly readings: readonly { readonly version: string; readonly reading: CellReading | null }[];
}

const share = (k: number, n: number) => `${k}/${n}`;

/** Whether the cell ran; then, of the ran trials, how each rule's reading may differ. Order is the report's. */
export const CHANGE_RULES: readonly ChangeRule[] = [
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

/**
 * Every cell of which a rule read different values across the versions that could read it. A cell only some versions
 * ran is one change, under `applies`; its other rules compare the versions that ran it.
 */
export function findCellChanges(views: readonly NodeView[], rules: readonly ChangeRule[] = CHANGE_RULES): CellChange[] {
  const byVersion = views.map((view) => ({
    version: view.node?.label ?? view.record.environment.node,
    cells: new Map(summarizeCells(view.record.results).map((cell) => [cellId(cell), cell])),
  }));
  const ids = [...new Set(byVersion.flatMap(({ cells }) => [...cells.keys()]))];
  const changes: CellChange[] = [];
  for (const rule of rules) {
    for (const id of ids) {
      const readings = byVersion.map(({ version, cells }) => {
        const cell = cells.get(id);
        return { version, reading: cell === undefined ? null : rule.read(cell) };
      });
      const values = new Set(readings.flatMap(({ reading }) => (reading === null ? [] : [reading.value])));
      const cell = byVersion.map(({ cells }) => cells.get(id)).find((found) => found !== undefined);
      if (values.size > 1 && cell !== undefined) changes.push({ rule, cell: nameCell(cell), readings });
    }
  }
  return changes;
}

/** How many cells the versions had in common, for the section to say how many of them changed. */
export function countComparedCells(views: readonly NodeView[]): number {
  const sets = views.map((view) => new Set(summarizeCells(view.record.results).map(cellId)));
  const [first, ...rest] = sets;
  return first === undefined ? 0 : [...first].filter((id) => rest.every((set) => set.has(id))).length;
}

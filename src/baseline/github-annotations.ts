import type { CellFinding, Comparison } from './compare-baseline.ts';

/** GitHub shows this many annotations of one kind per step; more are dropped unseen, so the last one says how many more. */
export const ANNOTATIONS_PER_KIND = 10;

type Kind = 'error' | 'warning' | 'notice';

interface Annotation {
  readonly title: string;
  readonly message: string;
  /** The cell, to find its line in the baseline file; absent for a summary annotation. */
  readonly cell?: string;
}

/**
 * The check as workflow commands (`::error file=…,line=…,title=…::…`), shown on the run's page and the pull request:
 * regressions and unmeasured cells as errors, baseline cells not run as warnings, improvements and new cells as
 * notices. `lines` maps a cell's name to its line in the baseline file, where the annotation points.
 */
export function renderAnnotations(comparison: Comparison, file: string, lines: ReadonlyMap<string, number>): string {
  const findings = (title: string, found: readonly CellFinding[]) => found.map(({ cell, detail }) => ({ title: `${title}: ${cell}`, message: detail, cell }));
  const named = (title: string, message: string, cells: readonly string[]) => cells.map((cell) => ({ title: `${title}: ${cell}`, message, cell }));
  const kinds: [Kind, Annotation[]][] = [
    ['error', [...findings('Regression', comparison.regressions), ...findings('Could not measure', comparison.unmeasured)]],
    ['warning', named('Not checked', 'a baseline cell this run did not run (--check-scope baseline makes that a failure)', comparison.notRun)],
    [
      'notice',
      [
        ...findings('Improved', comparison.improvements),
        ...named('New cell', 'not in the baseline, so not checked: --update-baseline adds it', comparison.newCells),
      ],
    ],
  ];
  return kinds.flatMap(([kind, annotations]) => capped(annotations).map((annotation) => formatCommand(kind, annotation, file, lines))).join('');
}

/** The first ones, and in place of the last shown, how many were left out. */
function capped(annotations: readonly Annotation[]): Annotation[] {
  if (annotations.length <= ANNOTATIONS_PER_KIND) return [...annotations];
  const rest = annotations.length - (ANNOTATIONS_PER_KIND - 1);
  return [
    ...annotations.slice(0, ANNOTATIONS_PER_KIND - 1),
    { title: `${rest} more`, message: `${rest} more of this kind: the job summary and the log list them all` },
  ];
}

function formatCommand(kind: Kind, { title, message, cell }: Annotation, file: string, lines: ReadonlyMap<string, number>): string {
  const line = cell === undefined ? undefined : lines.get(cell);
  const properties = [`file=${escapeProperty(file)}`, ...(line === undefined ? [] : [`line=${line}`]), `title=${escapeProperty(title)}`];
  return `::${kind} ${properties.join(',')}::${escapeData(message)}\n`;
}

/** As @actions/core escapes a command's message. */
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A property's value also may not hold the characters that delimit properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * The line of each cell in a baseline file as --update-baseline writes it (one `"workload":` line per cell, in order),
 * by the cell's name; empty when the file is laid out otherwise, and the annotations then point at the file alone.
 */
export function findCellLines(text: string, cells: readonly string[]): Map<string, number> {
  const starts = text.split('\n').flatMap((line, index) => (/^\s*"workload":/.test(line) ? [index + 1] : []));
  if (starts.length !== cells.length) return new Map();
  return new Map(cells.map((cell, index) => [cell, starts[index] ?? 0]));
}

import type { AnalysisView } from '../analysis/analysis.ts';
import { CYCLE_GROWTH_NOTABLE_BYTES, type CycleMemory, growsPerCycle } from '../analysis/summarize-cycles.ts';
import type { SlopeFit } from '../statistics/fit-slope.ts';
import { formatGrowth, formatMebibytes, NOT_MEASURED } from './format-cell.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';
import { renderXyChart } from './mermaid-chart.ts';

const BYTES_PER_MEBIBYTE = 1024 ** 2;
/** A series longer than this shows its first and last readings, with an ellipsis between. */
const SHOWN_READINGS = 12;
const HEADER = [
  'Workload',
  'Kill style',
  'Runtime',
  'Fresh host, PSS',
  'PSS after each cycle, MiB',
  'PSS growth per cycle (95% interval)',
  'RSS growth per cycle',
];

/** "Memory across cycles" (--cycles): per cell the host's PSS after each cycle and its trend; nothing without --cycles. */
export function renderCycleMemory({ cycleMemory }: AnalysisView): string {
  if (cycleMemory.length === 0) return '';
  const about = [
    "Each cell ran its trials one after another as start-stop cycles in one host (`--cycles`), kept across them whatever each cycle left in it, as a long-lived parent starts and stops work again and again; the host's PSS and RSS were read from its smaps_rollup after every cycle, once the cycle's processes were reaped and the host had collected its garbage (what it retains, not what its engine had yet to collect).",
    'The growth per cycle is the least-squares slope of those readings, with its 95% interval from their own scatter, over the cycles of one host (a cycle that ended its host handed the next to a fresh one).',
    `**Bold**: even the interval's lower end is above ${formatMebibytes(CYCLE_GROWTH_NOTABLE_BYTES)} per cycle, so the host keeps memory every cycle.`,
  ].join(' ');
  const rows = cycleMemory.map((cell) => [
    cell.workload,
    renderInlineCode(cell.kill),
    cell.runtime,
    cell.before === null ? NOT_MEASURED : formatMebibytes(cell.before.pssBytes),
    formatReadings(cell),
    formatSlope(cell.pssSlope, true),
    formatSlope(cell.rssSlope, false),
  ]);
  return ['### Memory across cycles', about, renderTable(HEADER, rows), ...renderCharts(cycleMemory)].join('\n\n');
}

/** The readings in MiB, a dash for a cycle whose host was not kept; why, when none was read. */
function formatReadings(cell: CycleMemory): string {
  const read = cell.cycles.filter((reading) => reading.pssBytes !== null);
  if (read.length === 0) return `${NOT_MEASURED}: ${cell.cycles[0]?.notMeasured ?? 'no cycle ran'}`;
  const values = cell.cycles.map((reading) => (reading.pssBytes === null ? '—' : (reading.pssBytes / BYTES_PER_MEBIBYTE).toFixed(1)));
  const shown = values.length <= SHOWN_READINGS ? values : [...values.slice(0, SHOWN_READINGS / 2), '…', ...values.slice(-SHOWN_READINGS / 2)];
  const hosts = new Set(cell.cycles.map((reading) => reading.host)).size;
  return shown.join(' ') + (hosts > 1 ? ` (${hosts} hosts; the trend is host ${cell.fitHost ?? '?'}'s)` : '');
}

function formatSlope(slope: SlopeFit | null, markGrowth: boolean): string {
  if (slope === null) return `${NOT_MEASURED}: fewer than 3 cycles read in one host`;
  const text = `${formatGrowth(slope.slope)} (${formatGrowth(slope.lower)} to ${formatGrowth(slope.upper)})`;
  return markGrowth && growsPerCycle(slope) === true ? `**${text}**` : text;
}

/** Per workload, one line per kill style and runtime whose every cycle was read in one host, PSS against the cycle. */
function renderCharts(cycleMemory: readonly CycleMemory[]): string[] {
  const workloads = [...new Set(cycleMemory.map((cell) => cell.workload))];
  return workloads.flatMap((workload) => {
    const drawn = cycleMemory.filter(
      (cell) => cell.workload === workload && cell.cycles.every((reading) => reading.pssBytes !== null && reading.host === cell.fitHost),
    );
    const [first] = drawn;
    if (first === undefined || first.cycles.length < 2) return [];
    const order = drawn.map((cell) => `${renderInlineCode(cell.kill)} in a ${cell.runtime}`).join(', ');
    const chart = renderXyChart({
      title: `${workload}: host PSS after each cycle, MiB`,
      categories: first.cycles.map((reading) => String(reading.cycle)),
      yAxis: 'MiB',
      lines: drawn.map((cell) => cell.cycles.map((reading) => (reading.pssBytes ?? 0) / BYTES_PER_MEBIBYTE)),
    });
    return [`${workload}, lines in this order: ${order}.`, chart];
  });
}

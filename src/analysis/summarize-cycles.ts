import type { ProcessMemory } from '../linux-proc/process-memory.ts';
import type { CellKey } from '../record/cell-key.ts';
import { cellId, type TrialResult } from '../record/trial-result.ts';
import { fitSlope, type SlopeFit } from '../statistics/fit-slope.ts';

/**
 * Growth per cycle beyond which a cell is said to grow, when even the lower end of its 95% interval is above it: a
 * cycle's own noise on this kind of machine (a V8 heap not yet collected, malloc's arenas) is well under a MiB.
 */
export const CYCLE_GROWTH_NOTABLE_BYTES = 1024 ** 2;

/** Whether a slope says the host grows per cycle beyond noise: the lower end of its interval above the notable growth. */
export function growsPerCycle(slope: SlopeFit | null, thresholdBytes = CYCLE_GROWTH_NOTABLE_BYTES): boolean | null {
  return slope === null ? null : slope.lower > thresholdBytes;
}

/** The host's memory after one cycle of a cell (--cycles), or why it was not read. */
export interface CycleMemoryReading {
  readonly cycle: number;
  /** Which host of the cell ran it, from 1. */
  readonly host: number;
  readonly outcome: TrialResult['outcome'];
  readonly pssBytes: number | null;
  readonly rssBytes: number | null;
  readonly notMeasured?: string;
}

/**
 * One cell's memory across its cycles: the host's PSS and RSS after each, and the growth per cycle as a least-squares
 * slope with its 95% interval, fit to the readings of the host that ran the most cycles (a cycle that ended its host
 * starts a new series, which the slope does not mix in).
 */
export interface CycleMemory extends CellKey {
  readonly cycles: readonly CycleMemoryReading[];
  /** The first host's memory when it became ready, before its first cycle; null when not read. */
  readonly before: Pick<ProcessMemory, 'pssBytes' | 'rssBytes'> | null;
  /** The host whose readings the slopes are fit to; null when no cycle was read. */
  readonly fitHost: number | null;
  /** Bytes per cycle; null for fewer than three readings in one host. */
  readonly pssSlope: SlopeFit | null;
  readonly rssSlope: SlopeFit | null;
}

/** Every cell whose trials ran as cycles, in the order they ran; none for a run without --cycles. */
export function summarizeCycles(results: readonly TrialResult[]): CycleMemory[] {
  const cells = new Map<string, TrialResult[]>();
  for (const result of results) {
    if (!('cycle' in result) || result.cycle === undefined) continue;
    cells.set(cellId(result), [...(cells.get(cellId(result)) ?? []), result]);
  }
  return [...cells.values()].flatMap((trials) => {
    const [first] = trials;
    return first === undefined ? [] : [summarizeCell(first, trials)];
  });
}

function summarizeCell({ workload, kill, runtime, engine }: TrialResult, trials: readonly TrialResult[]): CycleMemory {
  const cycles = [...trials].sort((a, b) => a.trial - b.trial).flatMap(readCycle);
  const fitHost = findLongestHost(cycles);
  const fitted = cycles.filter((reading) => reading.host === fitHost);
  const fit = (measure: 'pssBytes' | 'rssBytes') =>
    fitSlope(fitted.flatMap((reading) => (reading[measure] === null ? [] : [{ x: reading.cycle, y: reading[measure] }])));
  const before = trials.flatMap((trial) => ('cycle' in trial && trial.cycle?.memoryBefore ? [trial.cycle.memoryBefore] : []))[0];
  return {
    workload,
    kill,
    runtime,
    ...(engine === undefined ? {} : { engine }),
    cycles,
    before: before === undefined ? null : { pssBytes: before.pssBytes, rssBytes: before.rssBytes },
    fitHost,
    pssSlope: fit('pssBytes'),
    rssSlope: fit('rssBytes'),
  };
}

function readCycle(trial: TrialResult): CycleMemoryReading[] {
  if (!('cycle' in trial) || trial.cycle === undefined) return [];
  const { host, memory, notMeasured } = trial.cycle;
  return [
    {
      cycle: trial.trial,
      host,
      outcome: trial.outcome,
      pssBytes: memory?.pssBytes ?? null,
      rssBytes: memory?.rssBytes ?? null,
      ...(notMeasured === undefined ? {} : { notMeasured }),
    },
  ];
}

/** The host with the most readings of memory; the first such on ties; null when none was read. */
function findLongestHost(cycles: readonly CycleMemoryReading[]): number | null {
  const counts = new Map<number, number>();
  for (const reading of cycles) if (reading.pssBytes !== null) counts.set(reading.host, (counts.get(reading.host) ?? 0) + 1);
  let best: number | null = null;
  for (const [host, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = host;
  return best;
}

import { killStyleOf } from '../kill-styles/kill-styles.ts';
import { type ProcessMemory, readProcessMemory } from '../linux-proc/process-memory.ts';
import { cellId, type CycleReading, type TrialResult } from '../record/trial-result.ts';
import { isPythonRuntime } from '../runtime/runtime.ts';
import type { HostProcess } from '../trial/host-process.ts';
import { HOST_START_TIMEOUT_MS } from '../trial/observe-trial.ts';
import { type Lane, type LanePlace, type MatrixPlan, retireSpareHost, runTimedTrial, startHostFor } from './lane-trial.ts';
import type { PlannedTrial } from './plan-trials.ts';

/** The planned trials by cell, in plan order: with --cycles, each cell's trials are one series of cycles. */
export function groupCycles(trials: readonly PlannedTrial[]): PlannedTrial[][] {
  const cells = new Map<string, PlannedTrial[]>();
  for (const trial of trials) cells.set(cellId(trial.key), [...(cells.get(cellId(trial.key)) ?? []), trial]);
  return [...cells.values()];
}

/**
 * A lane of --cycles: it takes one cell at a time and runs its trials one after another as start-stop cycles in a
 * fresh host, kept across them as a long-lived parent is, whatever each cycle left in it; after each cycle, once the
 * trial's processes are reaped, it reads the host's memory. A cycle that ends its host (host-death, work that hung)
 * leaves the next cycle to a fresh host, which the readings number.
 */
export async function runCycleLane(plan: MatrixPlan, lane: Lane<PlannedTrial[]>, place: LanePlace): Promise<void> {
  for (let cell = lane.take(); cell !== undefined; cell = lane.take()) await runCellCycles(plan, cell, lane, place);
}

async function runCellCycles(plan: MatrixPlan, cell: readonly PlannedTrial[], lane: Lane<PlannedTrial[]>, place: LanePlace): Promise<void> {
  let host: HostProcess | undefined;
  let hostNumber = 0;
  try {
    for (const trial of cell) {
      if (trial.notApplicable !== null) {
        lane.record(trial, { ...trial.key, outcome: 'not-applicable', reason: trial.notApplicable });
        continue;
      }
      const fresh = host === undefined;
      const used = host ?? startHostFor(plan, trial, place);
      if (fresh) hostNumber += 1;
      const memoryBefore = fresh ? await readRetainedMemory(used, 'host-ready') : undefined;
      const hosted = await runTimedTrial(plan, trial, used, place, { keepAcrossCycles: true });
      const result = await hosted.final;
      host = hosted.host;
      // A `timeout` deadline that fired before ready() is tried again in a host of its own: the series goes on there.
      if (host !== undefined && host !== used) hostNumber += 1;
      const memory = host === undefined ? null : await readRetainedMemory(host);
      const cycle = readCycle(hostNumber, memory, host !== undefined, result, memoryBefore);
      lane.record(trial, result.outcome === 'not-applicable' ? result : { ...result, hostReused: !fresh, cycle });
    }
  } finally {
    if (host !== undefined) await retireSpareHost(host);
  }
}

/** How long a host may take to collect its garbage: a full collection of a small heap, on a loaded machine. */
const GARBAGE_COLLECTION_TIMEOUT_MS = 5_000;

/**
 * The host's memory as it retains it: a Node.js host first collects its garbage (a Python host runs no cycles), once it
 * is `ready` (a fresh host's first reading waits for it to start); null when it could not be read.
 */
async function readRetainedMemory(host: HostProcess, ready?: 'host-ready'): Promise<ProcessMemory | null> {
  if (ready !== undefined && (await host.waitFor([ready], HOST_START_TIMEOUT_MS)).type !== ready) return null;
  if (host.engine !== null) {
    host.send({ type: 'collect-garbage' });
    if ((await host.waitFor(['garbage-collected'], GARBAGE_COLLECTION_TIMEOUT_MS)).type !== 'garbage-collected') return null;
  }
  return readProcessMemory(host.pid);
}

/** The host's memory after the cycle, or why there is none: the cycle did not hand the host back. */
function readCycle(
  host: number,
  memory: ProcessMemory | null,
  kept: boolean,
  result: TrialResult,
  memoryBefore: ProcessMemory | null | undefined,
): CycleReading {
  const before = memoryBefore === undefined ? {} : { memoryBefore };
  if (memory !== null) return { host, memory, ...before };
  return { host, memory, notMeasured: explainLostHost(result, kept), ...before };
}

function explainLostHost(result: TrialResult, kept: boolean): string {
  if (kept) return 'the host did not collect its garbage in time, or its /proc/<pid>/smaps_rollup could not be read';
  if (isPythonRuntime(result.runtime)) return 'a Python host runs one trial: no host lives on across cycles';
  if (killStyleOf(result.kill).kind !== 'work') return `${result.kill} ends the host itself`;
  return result.outcome === 'hung' ? 'the work hung, and its host was ended with it' : `the trial ${result.outcome}, and its host was ended`;
}

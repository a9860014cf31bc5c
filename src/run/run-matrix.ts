import { killStyleOf } from '../kill-styles/kill-styles.ts';
import { reapFamily } from '../process-family/reap-family.ts';
import { isPythonRuntime } from '../runtime/runtime.ts';
import type { HostProcess } from '../trial/host-process.ts';
import { cellId, type TrialKey, type TrialResult } from '../record/trial-result.ts';
import { createDeadlines } from './deadlines.ts';
import { createHarnessActivity } from './harness-activity.ts';
import { type Lane, type LanePlace, type MatrixPlan, retireSpareHost, runTimedTrial, startHostFor } from './lane-trial.ts';
import { type PlannedTrial, planTrials } from './plan-trials.ts';
import { groupCycles, runCycleLane } from './run-cycles.ts';

export interface MatrixObserver {
  /** Called after each result, with how many of the planned results are done. */
  onResult?(result: TrialResult, done: number, total: number): void;
  /** Once aborted, no further trial starts. */
  readonly signal?: AbortSignal;
}

/**
 * Runs every planned trial not among `completed` (a resumed run's), `concurrency` at a time. Each lane reuses a
 * host a trial left clean, or starts the host of its next trial while the current one runs, so a Node.js start-up
 * is rarely on the critical path. Results come back in plan order.
 */
export async function runMatrix(plan: MatrixPlan, observer: MatrixObserver = {}, completed: readonly TrialResult[] = []): Promise<TrialResult[]> {
  const planned = planTrials(plan);
  const results = new Map<number, TrialResult>();
  for (const trial of planned) {
    const done = completed.find((result) => sameKey(result, trial.key));
    if (done !== undefined) results.set(trial.number, done);
  }
  const queue = planned.filter((trial) => !results.has(trial.number));
  // With --cycles, a lane takes a whole cell, whose trials run as cycles in one host.
  const cells = plan.cycles === undefined ? null : groupCycles(queue);
  const failure = new AbortController();
  const stopped = () => observer.signal?.aborted === true || failure.signal.aborted;
  const record = (trial: PlannedTrial, result: TrialResult) => {
    // The interrupt (or a failed lane) reaps the trials under way: what they report after it is that, not the kill.
    if (stopped()) return;
    results.set(trial.number, result);
    observer.onResult?.(result, results.size, planned.length);
  };
  const activity = createHarnessActivity();
  const deadlines = createDeadlines(plan.deadlineMs, plan.killDelayMaxMs);
  for (const result of results.values()) deadlines.observe(result);
  const runOne = (place: LanePlace) =>
    cells === null
      ? runLane(plan, { take: () => (stopped() ? undefined : queue.shift()), record }, place)
      : runCycleLane(plan, { take: () => (stopped() ? undefined : cells.shift()), record }, place);
  const lanes = Array.from({ length: Math.min(plan.concurrency, Math.max((cells ?? queue).length, 1)) }, (_, index) =>
    runOne({ index, activity, deadlines }).catch(async (error: unknown) => {
      // One lane failed: the others start no further trial, and the trials under way end now, before the run's folder goes.
      if (!failure.signal.aborted) failure.abort(error);
      await reapFamily(plan.family).catch(() => undefined);
      throw error;
    }),
  );
  const settled = await Promise.allSettled(lanes);
  if (failure.signal.aborted) throw failure.signal.reason;
  const rejected = settled.find((outcome) => outcome.status === 'rejected');
  if (rejected !== undefined) throw rejected.reason;
  return planned.flatMap((trial) => results.get(trial.number) ?? []);
}

/**
 * A lane runs its trials one after another. A trial that ends `stopped` and leaves its host exactly as clean as it
 * started hands the host back (see runTrialOnHost), and the lane's next trial of that runtime runs in it. When the
 * next trial will need a fresh host (another runtime, a host-death trial, or a trial of a cell whose last trial did
 * not hand its host back), the lane starts it once the current trial's stop is timed, so that the Node.js start-up
 * shares the cores with neither the work start nor the stop the trial measures. A lane keeps at most one idle
 * host per runtime, so a host handed back survives a run of trials of the other runtime.
 */
async function runLane(plan: MatrixPlan, lane: Lane<PlannedTrial>, place: LanePlace): Promise<void> {
  const idle = new Map<string, HostProcess>();
  const reused = new WeakSet<HostProcess>();
  // Trials whose leftovers are still watched: each is recorded once its watch is over, while the lane goes on.
  const watched: Promise<void>[] = [];
  let lastHandedBack = true;
  try {
    let current = lane.take();
    while (current !== undefined) {
      const next = lane.take();
      if (current.notApplicable !== null) {
        lane.record(current, { ...current.key, outcome: 'not-applicable', reason: current.notApplicable });
      } else {
        const host = takeIdleHost(idle, hostKind(current)) ?? startHostFor(plan, current, place);
        const needsFresh = next?.notApplicable === null && (!lastHandedBack || !mayReuseFor(current, next));
        const startNextHost = () => {
          if (needsFresh && !idle.has(hostKind(next))) idle.set(hostKind(next), startHostFor(plan, next, place));
        };
        const { final, host: handedBack } = await runTimedTrial(plan, current, host, place, { startNextHost });
        const trial = current;
        // Read now: the host this trial hands back is marked reused just below, before its result is recorded.
        const hostReused = reused.has(host);
        const recorded = final.then((result) => lane.record(trial, result.outcome === 'not-applicable' ? result : { ...result, hostReused }));
        // Awaited once the lane has run its trials; a rejection meanwhile is that await's, not an unhandled one.
        recorded.catch(() => undefined);
        watched.push(recorded);
        if (handedBack !== undefined) reused.add(handedBack);
        lastHandedBack = handedBack !== undefined;
        // A host started ahead for the same runtime is as good: one of the two is enough.
        if (handedBack !== undefined && idle.has(hostKind(current))) await retireSpareHost(handedBack);
        else if (handedBack !== undefined) idle.set(hostKind(current), handedBack);
      }
      current = next;
    }
    await Promise.all(watched);
  } finally {
    // A lane that failed still waits for its watches to end (each ends its own host), so none outlives the run.
    await Promise.allSettled(watched);
    for (const host of idle.values()) await retireSpareHost(host);
  }
}

/** Whether the host of `current`, if it hands it back, can run `next`: the same runtime on the same engine, and not ended by the trial. */
function mayReuseFor(current: PlannedTrial, next: PlannedTrial): boolean {
  return hostKind(current) === hostKind(next) && killStyleOf(current.key.kill).kind === 'work' && !isPythonRuntime(current.key.runtime);
}

/** Which trials one host can serve: its runtime adapter and its engine. */
function hostKind({ key }: PlannedTrial): string {
  return `${key.runtime}@${key.engine?.label ?? 'own'}`;
}

function takeIdleHost(idle: Map<string, HostProcess>, kind: string): HostProcess | undefined {
  const host = idle.get(kind);
  idle.delete(kind);
  return host;
}

export function sameKey(a: TrialKey, b: TrialKey): boolean {
  return cellId(a) === cellId(b) && a.trial === b.trial;
}

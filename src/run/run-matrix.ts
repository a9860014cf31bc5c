import { createTrialId } from '../marker/marker.ts';
import { killStyleOf } from '../kill-styles/kill-styles.ts';
import type { ProcessFamily } from '../process-family/process-family.ts';
import { ReapError, reapFamily } from '../process-family/reap-family.ts';
import type { EngineTarget } from '../engines/engine-target.ts';
import { isPythonRuntime } from '../runtime/runtime.ts';
import { createHostMarker, HostKillError, type HostProcess, retireHost, startHost } from '../trial/host-process.ts';
import { HOST_START_TIMEOUT_MS } from '../trial/observe-trial.ts';
import { type HostedResult, runTrialOnHost } from '../trial/run-trial.ts';
import { cellId, type TrialKey, type TrialResult } from '../record/trial-result.ts';
import { createDeadlines, DEADLINE_RETRIES, type Deadlines, firedBeforeReady } from './deadlines.ts';
import { createHarnessActivity, epochNow, type HarnessActivity } from './harness-activity.ts';
import { type PlannedTrial, planTrials } from './plan-trials.ts';
import type { ResolvedWorkload } from './resolve-workloads.ts';
import type { RunPlan } from '../record/run-record.ts';

export interface MatrixPlan extends Omit<RunPlan, 'workloads' | 'engines'> {
  /** The engines hosts run on (--engine, --node); absent: the harness's own Node.js. */
  readonly engines?: readonly EngineTarget[];
  readonly runId: string;
  readonly runDirectory: string;
  readonly workloads: readonly ResolvedWorkload[];
  /** Every process of the run: its hosts and whatever their trials' families found. */
  readonly family: ProcessFamily;
}

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
  const failure = new AbortController();
  const stopped = () => observer.signal?.aborted === true || failure.signal.aborted;
  const lane: Lane = {
    take: () => (stopped() ? undefined : queue.shift()),
    record(trial, result) {
      // The interrupt (or a failed lane) reaps the trials under way: what they report after it is that, not the kill.
      if (stopped()) return;
      results.set(trial.number, result);
      observer.onResult?.(result, results.size, planned.length);
    },
  };
  const activity = createHarnessActivity();
  const deadlines = createDeadlines(plan.deadlineMs, plan.killDelayMaxMs);
  for (const result of results.values()) deadlines.observe(result);
  const lanes = Array.from({ length: Math.min(plan.concurrency, Math.max(queue.length, 1)) }, (_, index) =>
    runLane(plan, lane, { index, activity, deadlines }).catch(async (error: unknown) => {
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

/** What the lanes share: the queue of trials (empty once the run is interrupted) and the results. */
interface Lane {
  take(): PlannedTrial | undefined;
  record(trial: PlannedTrial, result: TrialResult): void;
}

/**
 * A lane runs its trials one after another. A trial that ends `stopped` and leaves its host exactly as clean as it
 * started hands the host back (see runTrialOnHost), and the lane's next trial of that runtime runs in it. When the
 * next trial will need a fresh host (another runtime, a host-death trial, or a trial of a cell whose last trial did
 * not hand its host back), the lane starts it once the current trial's stop is timed, so that the Node.js start-up
 * shares the cores with neither the work start nor the stop the trial measures. A lane keeps at most one idle
 * host per runtime, so a host handed back survives a run of trials of the other runtime.
 */
async function runLane(plan: MatrixPlan, lane: Lane, place: LanePlace): Promise<void> {
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
        const { final, host: handedBack } = await runTimedTrial(plan, current, host, place, startNextHost);
        const trial = current;
        watched.push(final.then((result) => lane.record(trial, result.outcome === 'not-applicable' ? result : { ...result, hostReused: reused.has(host) })));
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

/**
 * A host that ran no trial now: one the kernel has not reaped in time after SIGKILL (a loaded machine) is no trial's
 * error and must not end the run; it is in the run's family, whose last reap waits longer for it.
 */
async function retireSpareHost(host: HostProcess): Promise<void> {
  await retireHost(host).catch((error: unknown) => {
    if (!(error instanceof HostKillError || error instanceof ReapError)) throw error;
  });
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

/**
 * A host for one runtime, marked as a host (not as a trial) so the lane may reuse it; the trial number keeps it
 * unique. The run's family records it at once, so that the run's reap, and the next run's if this one dies, reach it.
 */
function startHostFor(plan: MatrixPlan, trial: PlannedTrial, { index, activity }: LanePlace): HostProcess {
  const done = activity.begin(index, 'host start');
  // A Python host runs one trial, and carries that trial's id: a forked child's /proc environ is the host's as it
  // started (Python's os.environ does not change it), so the trial's marker must be there from the start.
  const marker = isPythonRuntime(trial.key.runtime) ? createTrialId(plan.runId, trial.number) : createHostMarker(plan.runId, trial.number);
  const engine = findEngine(plan, trial.key);
  const host = startHost(marker, trial.key.runtime, engine);
  void host.waitFor(['host-ready'], HOST_START_TIMEOUT_MS).finally(done);
  plan.family.record({ ...host.identity, command: isPythonRuntime(trial.key.runtime) ? 'python' : (engine?.name ?? 'node') }, 'ancestry');
  return host;
}

/** The engine target of a trial; undefined for the harness's own Node.js. */
function findEngine(plan: MatrixPlan, key: TrialKey): EngineTarget | undefined {
  if (key.engine === undefined) return undefined;
  const engine = plan.engines?.find((candidate) => candidate.label === key.engine?.label);
  if (engine === undefined) throw new Error(`no ${key.engine.label} in the plan's --engine targets`);
  return engine;
}

/** Which lane this is, the run's record of every lane's harness work, and the `timeout` deadlines the run's starts call for. */
interface LanePlace {
  readonly index: number;
  readonly activity: HarnessActivity;
  readonly deadlines: Deadlines;
}

/**
 * One trial, with its release window and after-probes (from the stop timed until the result) marked as this lane's
 * harness work, and its result saying what other lanes' harness work overlapped its stop, from the kill sent until
 * the stop was timed.
 */
async function runTimedTrial(plan: MatrixPlan, trial: PlannedTrial, host: HostProcess, place: LanePlace, startNextHost: () => void): Promise<HostedResult> {
  const { index, activity, deadlines } = place;
  let probing: () => void = () => undefined;
  const stopping = { from: 0, to: 0 };
  const onPhase = (phase: 'stopping' | 'stopped') => {
    if (phase === 'stopping') stopping.from = epochNow();
    if (phase === 'stopped') {
      stopping.to = epochNow();
      startNextHost();
      probing = activity.begin(index, 'probes');
    }
  };
  try {
    let deadlineMs = deadlines.deadlineFor(trial.key);
    let hosted = await runPlannedTrial(plan, trial, host, onPhase, deadlineMs);
    // A deadline that ended the work before it was ready measured no stop: try again, with twice the time.
    for (let retry = 1; firedBeforeReady(hosted.measured) && retry <= DEADLINE_RETRIES; retry += 1) {
      deadlineMs *= 2;
      hosted = await runPlannedTrial(plan, trial, startHostFor(plan, trial, place), onPhase, deadlineMs);
    }
    const { measured } = hosted;
    deadlines.observe(measured);
    if (measured.outcome === 'not-applicable' || measured.outcome === 'errored' || stopping.to === 0) return hosted;
    const stopSharedWith = activity.during(index, stopping.from, stopping.to);
    return { ...hosted, final: hosted.final.then((result) => ('leftovers' in result ? { ...result, stopSharedWith } : result)) };
  } finally {
    probing();
  }
}

function runPlannedTrial(
  plan: MatrixPlan,
  trial: PlannedTrial,
  host: HostProcess,
  onPhase: (phase: 'stopping' | 'stopped') => void,
  deadlineMs: number,
): Promise<HostedResult> {
  const workload = plan.workloads.find((candidate) => candidate.name === trial.key.workload);
  if (workload === undefined || trial.killPoint === null) throw new Error(`no workload named ${trial.key.workload} in the plan, or no kill point`);
  return runTrialOnHost(
    {
      ...trial.key,
      trialId: createTrialId(plan.runId, trial.number),
      // A Python host runs the workload's Python module, with that module's traits.
      workloadUrl: isPythonRuntime(trial.key.runtime) ? (workload.pythonFile ?? '') : workload.workloadUrl,
      ...((isPythonRuntime(trial.key.runtime) ? workload.python?.reportsCleanup : workload.reportsCleanup) === false ? { reportsCleanup: false } : {}),
      runDirectory: plan.runDirectory,
      startTimeoutMs: plan.startTimeoutMs,
      stopTimeoutMs: plan.stopTimeoutMs,
      graceMs: plan.graceMs,
      deadlineMs,
      killPoint: trial.killPoint.kind === 'deadline' ? { kind: 'deadline', afterStartMs: deadlineMs } : trial.killPoint,
      memoryLimitMb: plan.memoryLimitMb,
      ...(plan.lingerMs === undefined ? {} : { lingerMs: plan.lingerMs }),
    },
    host,
    { onPhase, keepHost: true, runFamily: plan.family },
  );
}

export function sameKey(a: TrialKey, b: TrialKey): boolean {
  return cellId(a) === cellId(b) && a.trial === b.trial;
}

import { createTrialId } from '../marker/marker.ts';
import type { EngineTarget } from '../engines/engine-target.ts';
import type { ProcessFamily } from '../process-family/process-family.ts';
import type { RunPlan } from '../record/run-record.ts';
import type { TrialKey, TrialResult } from '../record/trial-result.ts';
import { isPythonRuntime } from '../runtime/runtime.ts';
import { createHostMarker, HostKillError, type HostProcess, retireHost, startHost } from '../trial/host-process.ts';
import { ReapError } from '../process-family/reap-family.ts';
import { HOST_START_TIMEOUT_MS } from '../trial/observe-trial.ts';
import { type HostedResult, runTrialOnHost, type TrialOptions } from '../trial/run-trial.ts';
import { DEADLINE_RETRIES, type Deadlines, firedBeforeReady } from './deadlines.ts';
import { epochNow, type HarnessActivity } from './harness-activity.ts';
import type { PlannedTrial } from './plan-trials.ts';
import type { ResolvedWorkload } from './resolve-workloads.ts';

/** The run as its lanes see it: the plan, with its id, folder, workloads ready to load and the family of its processes. */
export interface MatrixPlan extends Omit<RunPlan, 'workloads' | 'engines'> {
  /** The engines hosts run on (--engine, --node); absent: the harness's own Node.js. */
  readonly engines?: readonly EngineTarget[];
  readonly runId: string;
  readonly runDirectory: string;
  readonly workloads: readonly ResolvedWorkload[];
  /** Every process of the run: its hosts and whatever their trials' families found. */
  readonly family: ProcessFamily;
}

/** What the lanes share: what to run next (nothing once the run is interrupted: a trial, or a cell's cycles) and the results. */
export interface Lane<Unit> {
  take(): Unit | undefined;
  record(trial: PlannedTrial, result: TrialResult): void;
}

/** Which lane this is, the run's record of every lane's harness work, and the `timeout` deadlines the run's starts call for. */
export interface LanePlace {
  readonly index: number;
  readonly activity: HarnessActivity;
  readonly deadlines: Deadlines;
}

/** What a lane asks of one trial besides running it: start its next host once the stop is timed; keep the host across cycles. */
export interface LaneTrialOptions {
  readonly startNextHost?: () => void;
  readonly keepAcrossCycles?: boolean;
}

/**
 * A host for one runtime, marked as a host (not as a trial) so the lane may reuse it; the trial number keeps it
 * unique. The run's family records it at once, so that the run's reap, and the next run's if this one dies, reach it.
 */
export function startHostFor(plan: MatrixPlan, trial: PlannedTrial, { index, activity }: LanePlace): HostProcess {
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

/**
 * A host that ran no trial now: one the kernel has not reaped in time after SIGKILL (a loaded machine) is no trial's
 * error and must not end the run; it is in the run's family, whose last reap waits longer for it.
 */
export async function retireSpareHost(host: HostProcess): Promise<void> {
  await retireHost(host).catch((error: unknown) => {
    if (!(error instanceof HostKillError || error instanceof ReapError)) throw error;
  });
}

/**
 * One trial, with its release window and after-probes (from the stop timed until the result) marked as this lane's
 * harness work, and its result saying what other lanes' harness work overlapped its stop, from the kill sent until
 * the stop was timed.
 */
export async function runTimedTrial(
  plan: MatrixPlan,
  trial: PlannedTrial,
  host: HostProcess,
  place: LanePlace,
  options: LaneTrialOptions = {},
): Promise<HostedResult> {
  const { index, activity, deadlines } = place;
  let probing: () => void = () => undefined;
  const stopping = { from: 0, to: 0 };
  const onPhase = (phase: 'stopping' | 'stopped') => {
    if (phase === 'stopping') stopping.from = epochNow();
    if (phase === 'stopped') {
      stopping.to = epochNow();
      options.startNextHost?.();
      probing = activity.begin(index, 'probes');
    }
  };
  const trialOptions: TrialOptions = { onPhase, keepHost: true, runFamily: plan.family, keepAcrossCycles: options.keepAcrossCycles === true };
  try {
    let deadlineMs = deadlines.deadlineFor(trial.key);
    let hosted = await runPlannedTrial(plan, trial, host, trialOptions, deadlineMs);
    // A deadline that ended the work before it was ready measured no stop: try again, with twice the time.
    for (let retry = 1; firedBeforeReady(hosted.measured) && retry <= DEADLINE_RETRIES; retry += 1) {
      // The attempt ends first (its processes reaped, its folder gone): the retry is the same trial, in the same folder.
      await hosted.final;
      deadlineMs *= 2;
      hosted = await runPlannedTrial(plan, trial, startHostFor(plan, trial, place), trialOptions, deadlineMs);
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

function runPlannedTrial(plan: MatrixPlan, trial: PlannedTrial, host: HostProcess, options: TrialOptions, deadlineMs: number): Promise<HostedResult> {
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
    options,
  );
}

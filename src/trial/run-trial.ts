import { type HostBaseline, waitUntilClean } from '../host/host-clean-state.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { killStyleOf } from '../kill-styles/kill-styles.ts';
import { readIfSame } from '../linux-proc/process-identity.ts';
import { readCommandLine } from '../linux-proc/process-stat.ts';
import { isPythonRuntime } from '../runtime/runtime.ts';
import { removeOutsideFiles } from '../probes/outside-files.ts';
import { openTrialWindow } from '../probes/trial-window.ts';
import { createProcessFamily, type ProcessFamily } from '../process-family/process-family.ts';
import { ReapError, reapFamily } from '../process-family/reap-family.ts';
import { watchFamily } from '../process-family/watch-family.ts';
import { checkIntegrity } from './check-integrity.ts';
import { within } from '../runtime/within.ts';
import { HostKillError, type HostProcess, retireHost, startHost } from './host-process.ts';
import type { LeftoverLives } from './measure-trial.ts';
import { observeTrial, type TrialInProgress, type TrialPlan } from './observe-trial.ts';
import { createTrialDirectory, removeDirectoryInBackground, type TrialDirectory } from './trial-directory.ts';
import type { TrialKey, TrialResult } from '../record/trial-result.ts';
import type { ParentExit } from '../record/parent-exit.ts';

/** What a caller may ask of a trial besides running it. */
export interface TrialOptions {
  /** Called as the kill is sent (`stopping`) and once the stop is timed (`stopped`): the phases the trial measures. */
  readonly onPhase?: (phase: 'stopping' | 'stopped') => void;
  /** Hand the host back, instead of killing it, when the trial left it exactly as clean as before its first trial. */
  readonly keepHost?: boolean;
  /**
   * --cycles: hand the host back after any trial whose stop ended the work and spared the host, with whatever the trial
   * left in it, as a long-lived parent lives on; once the trial's watch is over, its processes reaped, its data checked.
   */
  readonly keepAcrossCycles?: boolean;
  /** The run's family, which records every process the trial's family finds, so the run can reap them all. */
  readonly runFamily?: ProcessFamily;
}

/**
 * A trial as measured once its stop was seen (its outcome known), its final result (with how long its leftovers lived
 * and its data checked), and its host when the trial handed it back for another trial of the same runtime. A trial
 * whose leftovers are still watched settles `final` later, while its caller goes on with its next trial.
 */
export interface HostedResult {
  readonly measured: TrialResult;
  readonly final: Promise<TrialResult>;
  readonly host: HostProcess | undefined;
}

/** What each host looked like before its first trial, read when it first reported ready. */
const baselines = new WeakMap<HostProcess, HostBaseline | null>();

/**
 * Runs one trial in a host that ran no trial yet (started by the caller ahead of need, or here), probes it, SIGKILLs
 * the host and reaps its marker, checks its data, and removes its directory.
 */
export async function runTrial(plan: TrialPlan, host: HostProcess = startHost(plan.trialId, plan.runtime), options: TrialOptions = {}): Promise<TrialResult> {
  return await (
    await runTrialOnHost(plan, host, options)
  ).final;
}

/**
 * runTrial, which may hand its host back (with `keepHost`) for the lane's next trial. Only a host whose trial ended
 * `stopped` (nothing left, the data intact, the shared mutex free) by a stop that spares the host, and that is back
 * to its baseline, is handed back: every other host is SIGKILLed and reaped as a single-use host is.
 */
export async function runTrialOnHost(plan: TrialPlan, host: HostProcess, options: TrialOptions = {}): Promise<HostedResult> {
  const key: TrialKey = {
    runtime: plan.runtime,
    kill: plan.kill,
    workload: plan.workload,
    trial: plan.trial,
    ...(plan.engine === undefined ? {} : { engine: plan.engine }),
  };
  const family = createProcessFamily({
    marker: plan.trialId,
    roots: [host.identity],
    cgroup: host.containment,
    subreapers: () => host.containmentOf().subreaper,
    ...(options.runFamily === undefined ? {} : { parent: options.runFamily }),
  });
  // From the start of the work until its processes are reaped, the tree is read every few milliseconds.
  const watch = watchFamily(family);
  const window = openTrialWindow(plan.trialId);
  let directory: TrialDirectory | undefined;
  const cleanUp = async () => {
    watch.stop();
    window.close();
    if (directory !== undefined) await removeDirectoryInBackground(directory.root);
  };
  try {
    directory = createTrialDirectory(plan.runDirectory, plan.trialId);
    const trial: TrialInProgress = {
      plan,
      key,
      directory,
      host,
      family,
      window,
      // Only a host that may be handed back needs its first ready state kept.
      ...(options.keepHost === true ? { baselines } : {}),
      ...(options.onPhase === undefined ? {} : { onPhase: options.onPhase }),
    };
    const hosted = await observeAndEnd(trial, options);
    const withContainment = (result: TrialResult): TrialResult =>
      result.outcome === 'not-applicable' ? result : { ...result, containment: host.containmentOf() };
    return { ...hosted, measured: withContainment(hosted.measured), final: hosted.final.then(withContainment).finally(cleanUp) };
  } catch (error) {
    // The trial could not even have its folder (the run's is gone): its host, handed to it, ends here all the same.
    if (directory === undefined) await endHost(host, family);
    await cleanUp();
    throw error;
  }
}

/** Observes the trial, then ends its host (or hands it back clean) and checks its data with every process of the trial dead. */
async function observeAndEnd(trial: TrialInProgress, options: TrialOptions): Promise<HostedResult> {
  const { plan, directory, host, family } = trial;
  const {
    result: measured,
    lingering,
    parent,
  } = await observeTrial(trial).catch(async (error: unknown) => {
    await endHost(host, family);
    throw error;
  });
  if (options.keepAcrossCycles === true) return await keepForNextCycle(trial, measured, lingering, parent);
  // Processes of the trial still live, and what they left is watched: the host cannot be handed back, so the caller
  // may go on meanwhile; the host ends once the watch is over, and its watch of itself as the parent too.
  if (lingering !== null) return { measured, final: endAfterWatch(trial, measured, lingering, parent), host: undefined };
  // The host is ended or handed back only once its watch of itself as the work's parent is over: it holds no trial then.
  // A parent still held a moment after the stop (a pool whose destroy() never settles) is watched as leftovers are.
  const released = parent === undefined ? {} : await within(PARENT_HAND_BACK_WAIT_MS, parent);
  if (released === undefined) return { measured, final: endAfterWatch(trial, measured, Promise.resolve({}), parent), host: undefined };
  const observed: TrialResult = { ...measured, ...released };
  if (options.keepHost !== true || !mayHandBack(plan, observed)) {
    const final = await endAndCheck(trial, observed);
    return { measured: observed, final: Promise.resolve(final), host: undefined };
  }
  const handed = await handBackIfClean(plan, directory, host, family, observed);
  return { measured: observed, final: Promise.resolve(handed.result), host: handed.host };
}

async function endAfterWatch(
  trial: TrialInProgress,
  observed: TrialResult,
  lingering: Promise<Partial<LeftoverLives>>,
  parent: Promise<Partial<ParentExit>> | undefined,
): Promise<TrialResult> {
  const lives = await lingering.catch(async (error: unknown) => {
    await endHost(trial.host, trial.family);
    throw error;
  });
  return await endAndCheck(trial, { ...observed, ...lives, ...(await parent) });
}

/**
 * One cycle of --cycles: once the trial's leftovers and parent were watched, the trial's processes are reaped and its data
 * checked, and the host is handed back with whatever else the trial left in it (descriptors, memory); it ends only when
 * the trial ended it, left its work running in it (hung), or ran in a Python host, which runs one trial.
 */
async function keepForNextCycle(
  trial: TrialInProgress,
  measured: TrialResult,
  lingering: Promise<LeftoverLives> | null,
  parent: Promise<Partial<ParentExit>> | undefined,
): Promise<HostedResult> {
  const { plan, directory, host, family, window } = trial;
  const lives = await (lingering ?? Promise.resolve({})).catch(async (error: unknown) => {
    await endHost(host, family);
    throw error;
  });
  const observed: TrialResult = { ...measured, ...lives, ...(await parent) };
  const spared = (observed.outcome === 'stopped' || observed.outcome === 'leaked') && killStyleOf(plan.kill).kind === 'work' && !isPythonRuntime(plan.runtime);
  if (!spared) return { measured, final: Promise.resolve(await endAndCheck(trial, observed)), host: undefined };
  try {
    if ('leftovers' in observed) removeOutsideFiles(observed.leftovers.tempFiles?.outside ?? [], window);
    await reapFamily(family);
    return { measured, final: Promise.resolve(await checkIntegrity(observed, plan.workloadUrl, directory)), host };
  } catch (error) {
    const unreaped = await endHost(host, family);
    if (error instanceof ReapError) return { measured, final: Promise.resolve(asUnreaped(observed, unreaped ?? error.message)), host: undefined };
    throw error;
  }
}

/**
 * Removes what the trial surely left outside its directory (it was measured), ends the host, then checks the data;
 * a trial whose processes could not be reaped in time errors instead (see asUnreaped).
 */
async function endAndCheck({ plan, directory, host, family, window }: TrialInProgress, observed: TrialResult): Promise<TrialResult> {
  if ('leftovers' in observed) removeOutsideFiles(observed.leftovers.tempFiles?.outside ?? [], window);
  const unreaped = await endHost(host, family);
  if (unreaped !== null) return asUnreaped(observed, unreaped);
  return await checkIntegrity(observed, plan.workloadUrl, directory);
}

/**
 * A trial whose processes the kernel had not reaped in time after SIGKILL (a machine too loaded to schedule the exit)
 * measured nothing the harness can stand by: its data is not checked while they may live, and it is an error of that
 * trial, not of the run. The run's last reap waits longer for them.
 */
function asUnreaped(observed: TrialResult, problem: string): TrialResult {
  const { runtime, kill, workload, trial, engine } = observed;
  return { runtime, kill, workload, trial, ...(engine === undefined ? {} : { engine }), outcome: 'errored', error: problem };
}

/**
 * How long after the stop is measured the harness waits for the host to report its parent released before it goes on
 * and lets the watch run its course: a parent that goes on at once reports within a few of the watch's 10 ms reads.
 */
const PARENT_HAND_BACK_WAIT_MS = 250;

/** A host-death trial killed its host; any other outcome than stopped may have left something in it; a Python host runs one trial only. */
function mayHandBack(plan: TrialPlan, result: TrialResult): boolean {
  return result.outcome === 'stopped' && killStyleOf(plan.kill).kind === 'work' && !isPythonRuntime(plan.runtime);
}

/**
 * The trial's processes are reaped through its family, whose root the host is, so the host lives on; it is handed
 * back only if it is then back to its baseline and the workload's data check, run as before with every process of
 * the trial dead, finds nothing lost.
 */
async function handBackIfClean(
  plan: TrialPlan,
  directory: TrialDirectory,
  host: HostProcess,
  family: ProcessFamily,
  observed: TrialResult,
): Promise<{ result: TrialResult; host: HostProcess | undefined }> {
  let handedBack = false;
  let ended = false;
  let unreaped: string | null = null;
  const end = async () => {
    ended = true;
    unreaped = await endHost(host, family);
  };
  try {
    await reapFamily(family);
    const baseline = baselines.get(host) ?? null;
    const clean = baseline !== null && (await waitUntilClean(host.pid, family, baseline)) === null;
    // A host not back to its baseline may still hold the trial's files: it dies before the data is checked.
    if (!clean) await end();
    if (unreaped !== null) return { result: asUnreaped(observed, unreaped), host: undefined };
    const result = await checkIntegrity(observed, plan.workloadUrl, directory);
    handedBack = clean && result.outcome === 'stopped';
    return { result, host: handedBack ? host : undefined };
  } finally {
    if (!handedBack && !ended) await end();
  }
}

/**
 * SIGKILLs the host, then reaps every process of the trial, however it was found, and anything of the host's own.
 * Returns null once all are gone, or what was still not reaped in time: the caller makes that the trial's error.
 */
async function endHost(host: HostProcess, family: ProcessFamily): Promise<string | null> {
  try {
    await letResourceTrackerFinish(host, family);
    await reapFamily(family).catch(() => undefined);
    await retireHost(host);
    await reapFamily(family);
    return null;
  } catch (error) {
    if (!(error instanceof HostKillError || error instanceof ReapError)) throw error;
    return `the trial's processes were not reaped in time after SIGKILL (${error.message}): the machine may be too loaded for the run's --concurrency`;
  }
}

/** How long multiprocessing's resource tracker may take to unlink what its dead host registered. */
const RESOURCE_TRACKER_EXIT_MS = 1_000;
const RESOURCE_TRACKER_POLL_MS = 10;

/**
 * A spawn host's semaphores (/dev/shm/sem.mp-*) are removed by multiprocessing's resource tracker, a process of the
 * trial, once its host is gone: reaped together, they would stay on the machine. So a Python host and the rest of
 * its trial die first, and its tracker is given a moment to unlink them and exit by itself, before the reap ends it.
 */
async function letResourceTrackerFinish(host: HostProcess, family: ProcessFamily): Promise<void> {
  if (host.engine !== null) return;
  const isTracker = (pid: number) => readCommandLine(pid).includes('resource_tracker');
  const trackers = () => family.members().filter((member) => readIfSame(member) !== null && isTracker(member.pid));
  if (trackers().length === 0) return;
  // The tracker exits once every process that holds its pipe is gone: the host, and a child that hung or outlived it.
  await host.kill();
  await reapFamily(family, undefined, isTracker);
  const deadline = performance.now() + RESOURCE_TRACKER_EXIT_MS;
  while (trackers().length > 0 && performance.now() < deadline) await sleep(RESOURCE_TRACKER_POLL_MS);
}

import { tmpdir } from 'node:os';
import type { HostedTrial } from '../host/host-messages.ts';
import type { KillStyle } from '../kill-styles/kill-style.ts';
import { KILL_STYLES } from '../kill-styles/kill-styles.ts';
import type { ProbeTarget } from '../probes/probe.ts';
import { takeSnapshots } from '../probes/probes.ts';
import { removeOutsideFiles } from '../probes/outside-files.ts';
import { createProbeTarget } from '../probes/probe-target.ts';
import { openTrialWindow, type TrialWindow } from '../probes/trial-window.ts';
import { createProcessFamily, type ProcessFamily } from '../processes/process-family.ts';
import { reapFamily } from '../processes/reap-family.ts';
import { watchFamily } from '../processes/watch-family.ts';
import type { HostSightings } from '../host/host-messages.ts';
import { type HostProcess, retireHost, startHost } from './host-process.ts';
import { checkIntegrity } from './check-integrity.ts';
import { measureTrial, type TrialEnd } from './measure-trial.ts';
import { createTrialDirectory, removeDirectory, type TrialDirectory } from './trial-directory.ts';
import type { KillPoint, TrialKey, TrialResult } from './trial-result.ts';
import { measureWorkMemory } from '../probes/memory.ts';
import { type HostBaseline, readHostBaseline, waitUntilClean } from '../host/host-clean-state.ts';

/** How long a host may take to start: a Node.js start-up on a loaded 2-core machine, with margin. */
const HOST_START_TIMEOUT_MS = 15_000;
/** Extra time the harness's watchdog allows beyond the host's own deadlines before it treats the host as wedged. */
const WATCHDOG_MARGIN_MS = 2_000;

export interface TrialPlan extends TrialKey {
  readonly trialId: string;
  readonly workloadUrl: string;
  readonly runDirectory: string;
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly graceMs: number;
  readonly deadlineMs: number;
  readonly killPoint: KillPoint;
  readonly memoryLimitMb: number;
}

/** What a caller may ask of a trial besides running it. */
export interface TrialOptions {
  /** Called once the at-ready snapshot is taken: the work's start, which the trial measures, is over. */
  readonly onReadyProbed?: () => void;
  /** Hand the host back, instead of killing it, when the trial left it exactly as clean as before its first trial. */
  readonly keepHost?: boolean;
  /** The run's family, which records every process the trial's family finds, so the run can reap them all. */
  readonly runFamily?: ProcessFamily;
}

/** A trial's result, and its host when the trial handed it back for another trial of the same runtime. */
export interface HostedResult {
  readonly result: TrialResult;
  readonly host: HostProcess | undefined;
}

/** What each host looked like before its first trial, read when it first reported ready. */
const baselines = new WeakMap<HostProcess, HostBaseline | null>();

/**
 * Runs one trial in a host that ran no trial yet (started by the caller ahead of need, or here), probes it, SIGKILLs
 * the host and reaps its marker, checks its data, and removes its directory.
 */
export async function runTrial(plan: TrialPlan, host: HostProcess = startHost(plan.trialId, plan.runtime), options: TrialOptions = {}): Promise<TrialResult> {
  return (await runTrialOnHost(plan, host, options)).result;
}

/**
 * runTrial, which may hand its host back (with `keepHost`) for the lane's next trial. Only a host whose trial ended
 * `stopped` (nothing left, the data intact, the shared mutex free) by a stop that spares the host, and that is back
 * to its baseline, is handed back: every other host is SIGKILLed and reaped as a single-use host is.
 */
export async function runTrialOnHost(plan: TrialPlan, host: HostProcess, options: TrialOptions = {}): Promise<HostedResult> {
  const key: TrialKey = { runtime: plan.runtime, kill: plan.kill, workload: plan.workload, trial: plan.trial };
  const family = createProcessFamily({ marker: plan.trialId, roots: [host.identity], cgroup: host.containment, ...(options.runFamily === undefined ? {} : { parent: options.runFamily }) });
  // From the start of the work until its processes are reaped, the tree is read every few milliseconds.
  const watch = watchFamily(family);
  const window = openTrialWindow(plan.trialId);
  let hosted: HostedResult | undefined;
  let directory: TrialDirectory | undefined;
  try {
    directory = createTrialDirectory(plan.runDirectory, plan.trialId);
    hosted = await observeAndEnd(plan, key, directory, host, { family, window }, options);
    return hosted;
  } catch (error) {
    // The trial could not even have its folder (the run's is gone): its host, handed to it, ends here all the same.
    if (directory === undefined) await endHost(host, family);
    throw error;
  } finally {
    watch.stop();
    window.close();
    if (directory !== undefined) removeDirectory(directory.root);
    // What the trial surely left outside its directory was measured: now it goes too, as its directory did.
    const result = hosted?.result;
    if (result !== undefined && 'leftovers' in result) removeOutsideFiles(result.leftovers.tempFiles?.outside ?? [], window);
  }
}

/** Observes the trial, then ends its host (or hands it back clean) and checks its data with every process of the trial dead. */
async function observeAndEnd(
  plan: TrialPlan,
  key: TrialKey,
  directory: TrialDirectory,
  host: HostProcess,
  { family, window }: { family: ProcessFamily; window: TrialWindow },
  options: TrialOptions,
): Promise<HostedResult> {
  const observed = await observeTrial(plan, key, directory, host, { family, window }, options).catch(async (error: unknown) => {
    await endHost(host, family);
    throw error;
  });
  if (options.keepHost !== true || !mayHandBack(plan, observed)) {
    await endHost(host, family);
    return { result: await checkIntegrity(observed, plan.workloadUrl, directory), host: undefined };
  }
  return await handBackIfClean(plan, directory, host, family, observed);
}

/** A host-death trial killed its host; any other outcome than stopped may have left something in it. */
function mayHandBack(plan: TrialPlan, result: TrialResult): boolean {
  return result.outcome === 'stopped' && KILL_STYLES[plan.kill].kind !== 'host';
}

/**
 * The trial's processes are reaped through its family, whose root the host is, so the host lives on; it is handed
 * back only if it is then back to its baseline and the workload's data check, run as before with every process of
 * the trial dead, finds nothing lost.
 */
async function handBackIfClean(plan: TrialPlan, directory: TrialDirectory, host: HostProcess, family: ProcessFamily, observed: TrialResult): Promise<HostedResult> {
  let handedBack = false;
  let ended = false;
  const end = async () => {
    ended = true;
    await endHost(host, family);
  };
  try {
    await reapFamily(family);
    const baseline = baselines.get(host) ?? null;
    const clean = baseline !== null && (await waitUntilClean(host.pid, family, baseline)) === null;
    // A host not back to its baseline may still hold the trial's files: it dies before the data is checked.
    if (!clean) await end();
    const result = await checkIntegrity(observed, plan.workloadUrl, directory);
    handedBack = clean && result.outcome === 'stopped';
    return { result, host: handedBack ? host : undefined };
  } finally {
    if (!handedBack && !ended) await end();
  }
}

/** SIGKILLs the host, then reaps every process of the trial, however it was found, and anything of the host's own. */
async function endHost(host: HostProcess, family: ProcessFamily): Promise<void> {
  await reapFamily(family).catch(() => undefined);
  await retireHost(host);
  await reapFamily(family);
}

async function observeTrial(
  plan: TrialPlan,
  key: TrialKey,
  directory: TrialDirectory,
  host: HostProcess,
  { family, window }: { family: ProcessFamily; window: TrialWindow },
  options: TrialOptions,
): Promise<TrialResult> {
  const hostReady = await host.waitFor(['host-ready'], HOST_START_TIMEOUT_MS);
  if (hostReady.type !== 'host-ready') {
    return errored(key, hostReady.type === 'timeout' ? `the host did not start within ${HOST_START_TIMEOUT_MS} ms` : hostReady.detail);
  }
  if (options.keepHost === true && !baselines.has(host)) baselines.set(host, readHostBaseline(host.pid));
  const target = createProbeTarget({ trialId: plan.trialId, hostPid: host.pid, workDir: directory.workDir, family, window });
  const measure = { key, killPoint: plan.killPoint, directory, workloadUrl: plan.workloadUrl, before: takeSnapshots(target) };
  host.send({ type: 'start', trial: toHostedTrial(plan, directory, host) });
  target.window.markWork('started');
  const started = await host.waitFor(['work-ready', 'work-failed', 'work-hung'], plan.startTimeoutMs + WATCHDOG_MARGIN_MS);
  if (started.type === 'work-failed' || started.type === 'host-exited') {
    return errored(key, started.type === 'work-failed' ? started.message : started.detail);
  }
  const notReady = { startMs: null, workMemoryBytes: null };
  if (started.type !== 'work-ready') return measureTrial({ ...measure, target, atReady: null, ...notReady }, asHung(started));
  const readyTarget = { ...target, childPid: started.childPid };
  const atReady = takeSnapshots(readyTarget);
  const workMemoryBytes = measureWorkMemory(measure.before.memory, atReady.memory, started.childPid);
  const style: KillStyle = KILL_STYLES[plan.kill];
  host.send({ type: 'kill' });
  options.onReadyProbed?.();
  const end = style.kind === 'host' ? await killHostAtKillPoint(host, plan, readyTarget) : await waitForStop(host, plan, readyTarget);
  if (end.kind === 'stopped') target.window.markWork('ended');
  return measureTrial({ ...measure, target: readyTarget, atReady, startMs: started.startMs, workMemoryBytes }, end);
}

/** How long the host may wait for the kill point: the delay, or that and the stop timeout for the workload to enter its section. */
function killPointWaitMs(plan: TrialPlan): number {
  if (plan.killPoint.kind === 'delay') return plan.killPoint.delayMs;
  return plan.killPoint.kind === 'section' ? plan.killPoint.afterMs + plan.stopTimeoutMs : 0;
}

async function waitForStop(host: HostProcess, plan: TrialPlan, target: ProbeTarget): Promise<TrialEnd> {
  const stopped = await host.waitFor(['work-stopped', 'work-hung', 'work-failed'], killPointWaitMs(plan) + plan.stopTimeoutMs + WATCHDOG_MARGIN_MS);
  if (stopped.type === 'host-exited') return { kind: 'errored', error: stopped.detail };
  if (stopped.type === 'work-failed') return { kind: 'errored', error: stopped.message };
  if (stopped.type !== 'timeout') adoptSightings(target, stopped);
  return stopped.type === 'work-stopped' ? { kind: 'stopped', event: stopped } : asHung(stopped);
}

/** What the host saw at the kill and at the end joins what the harness saw: the processes by identity, the files by path. */
function adoptSightings(target: ProbeTarget, sightings: Partial<HostSightings>): void {
  for (const member of sightings.processes ?? []) for (const way of member.foundBy) target.family.record(member, way);
  for (const path of sightings.heldFiles ?? []) target.heldFiles.add(path);
}

/** host-death: once the work reached its kill point, the harness SIGKILLs the host; the stop lasts until the kernel has reaped it. */
async function killHostAtKillPoint(host: HostProcess, plan: TrialPlan, target: ProbeTarget): Promise<TrialEnd> {
  const reached = await host.waitFor(['kill-point-reached', 'work-failed'], killPointWaitMs(plan) + WATCHDOG_MARGIN_MS);
  if (reached.type === 'timeout') return { kind: 'errored', error: 'the host did not report reaching the kill point' };
  if (reached.type !== 'kill-point-reached') return { kind: 'errored', error: reached.type === 'work-failed' ? reached.message : reached.detail };
  // Right before the kill: every process of the trial alive now, and the outside files they hold.
  takeSnapshots(target);
  const killRequestedAt = performance.now();
  await host.kill();
  const stopMs = performance.now() - killRequestedAt;
  const killRequestedEpochMs = performance.timeOrigin + killRequestedAt;
  return {
    kind: 'stopped',
    event: { exitCode: null, signal: 'SIGKILL', error: null, stopMs, reportedMs: stopMs, killRequestedEpochMs, endedBy: 'host-death', mutex: null, processes: [], heldFiles: [] },
  };
}

/** A host that stopped answering is as wedged as the work inside it. */
function asHung(wait: { type: 'work-hung'; phase: 'start' | 'stop'; mutex: 'free' | 'held' | null } | { type: 'timeout' }): TrialEnd {
  return wait.type === 'timeout' ? { kind: 'hung', phase: 'stop', mutex: null } : { kind: 'hung', phase: wait.phase, mutex: wait.mutex };
}

function toHostedTrial(plan: TrialPlan, directory: TrialDirectory, host: HostProcess): HostedTrial {
  return {
    runtime: plan.runtime,
    kill: plan.kill,
    trialId: plan.trialId,
    spec: {
      workloadUrl: plan.workloadUrl,
      workDir: directory.workDir,
      loaderTempDir: tmpdir(),
      dataDir: directory.dataDir,
      cleanupLog: directory.cleanupLog,
      acknowledgementLog: directory.acknowledgementLog,
      sectionLog: directory.sectionLog,
      targetSection: plan.killPoint.kind === 'section' ? plan.killPoint.section : null,
      targetAfterMs: plan.killPoint.kind === 'section' ? plan.killPoint.afterMs : 0,
      sectionHoldMs: plan.stopTimeoutMs,
    },
    controlDir: directory.controlDir,
    cgroup: host.containment === null ? null : { directory: host.containment.directory, relativePath: host.containment.relativePath },
    startTimeoutMs: plan.startTimeoutMs,
    stopTimeoutMs: plan.stopTimeoutMs,
    graceMs: plan.graceMs,
    deadlineMs: plan.deadlineMs,
    killPoint: plan.killPoint,
    memoryLimitMb: plan.memoryLimitMb,
  };
}

function errored(key: TrialKey, error: string): TrialResult {
  return { ...key, outcome: 'errored', error };
}

import { tmpdir } from 'node:os';
import { readProcessStat } from '../linux-proc/process-stat.ts';
import { GIVEN_TIME_CAP } from '../runtime/given-time.ts';
import type { HostedTrial, HostEvent, HostSightings, SharedState } from '../host/host-messages.ts';
import { readHostBaseline } from '../host/host-clean-state.ts';
import { type KillStyle, stopAllowanceMs } from '../kill-styles/kill-style.ts';
import { killStyleOf } from '../kill-styles/kill-styles.ts';
import { waitMsOf } from '../kill-styles/stop-steps.ts';
import { measureWorkMemory } from '../probes/memory.ts';
import type { ProbeTarget } from '../probes/probe.ts';
import { createProbeTarget } from '../probes/probe-target.ts';
import { takeSnapshots } from '../probes/probes.ts';
import type { TrialWindow } from '../probes/trial-window.ts';
import type { ProcessFamily } from '../process-family/process-family.ts';
import type { HostProcess, HostWait } from './host-process.ts';
import { awaitParentRelease } from './parent-release.ts';
import { DEFAULT_LINGER_MS, type Measured, measureTrial, type TrialEnd } from './measure-trial.ts';
import { measureLogBytes } from '../files/log-lines.ts';
import type { TrialDirectory } from './trial-directory.ts';
import type { ErroredTrial, TrialKey } from '../record/trial-result.ts';
import type { HostBaseline } from '../host/host-clean-state.ts';

/** How long a host may take to start: a Node.js start-up on a loaded 2-core machine, with margin. */
export const HOST_START_TIMEOUT_MS = 15_000;
/**
 * Extra time the harness's watchdog allows beyond the host's own deadlines (which a busy machine may stretch up to
 * GIVEN_TIME_CAP times, see src/runtime/given-time.ts) before it treats the host as wedged.
 */
const WATCHDOG_MARGIN_MS = 2_000;

/** A trial as the harness plans it: what the host is told (see HostedTrial), plus where its module and run folder are. */
export interface TrialPlan
  extends TrialKey, Pick<HostedTrial, 'trialId' | 'startTimeoutMs' | 'stopTimeoutMs' | 'graceMs' | 'deadlineMs' | 'killPoint' | 'memoryLimitMb'> {
  readonly workloadUrl: string;
  /** false when the workload cannot mark its cleanup (see Workload.reportsCleanup); true when left out. */
  readonly reportsCleanup?: boolean;
  readonly runDirectory: string;
  /** How long after the kill what the stop left is watched (`--linger`); DEFAULT_LINGER_MS when left out. */
  readonly lingerMs?: number;
}

/** One trial under way: its plan, its host, its folder, its processes and its window. */
export interface TrialInProgress {
  readonly plan: TrialPlan;
  readonly key: TrialKey;
  readonly host: HostProcess;
  readonly directory: TrialDirectory;
  readonly family: ProcessFamily;
  readonly window: TrialWindow;
  /** Called as the kill is sent (`stopping`) and once the stop is timed (`stopped`): the phases the trial measures. */
  readonly onPhase?: (phase: 'stopping' | 'stopped') => void;
  /** Where to keep the host's first ready state, for a caller that may hand the host back. */
  readonly baselines?: WeakMap<HostProcess, HostBaseline | null>;
}

/** Starts the work in the host, probes it before, at ready and after the stop, and applies the kill at its point. */
export async function observeTrial(trial: TrialInProgress): Promise<Measured> {
  const { plan, key, directory, host, family, window } = trial;
  const hostReady = await host.waitFor(['host-ready'], HOST_START_TIMEOUT_MS);
  if (hostReady.type !== 'host-ready') {
    return errored(key, hostReady.type === 'timeout' ? `the host did not start within ${HOST_START_TIMEOUT_MS} ms` : hostReady.detail);
  }
  const expected = host.engine;
  if (expected !== null && (hostReady.engine?.name !== expected.name || hostReady.engine.version !== expected.version)) {
    const runs = hostReady.engine === undefined ? 'says nothing of its engine' : `runs ${hostReady.engine.name} ${hostReady.engine.version}`;
    return errored(key, `the host ${runs}, not the ${expected.name} ${expected.version} it was started for`);
  }
  if (trial.baselines !== undefined && !trial.baselines.has(host)) trial.baselines.set(host, readHostBaseline(host.pid));
  const target = createProbeTarget({
    trialId: plan.trialId,
    hostPid: host.pid,
    workDir: directory.workDir,
    family,
    window,
    ...(host.engine === null ? {} : { hostEngine: host.engine.name }),
  });
  const measure = {
    key,
    killPoint: plan.killPoint,
    directory,
    workloadUrl: plan.workloadUrl,
    reportsCleanup: plan.reportsCleanup !== false,
    lingerMs: plan.lingerMs ?? DEFAULT_LINGER_MS,
    before: takeSnapshots(target),
  };
  host.send({ type: 'start', trial: toHostedTrial(plan, directory, host) });
  target.window.markWorkStarted();
  const started = await host.waitFor(['work-ready', 'work-failed', 'work-hung'], plan.startTimeoutMs * GIVEN_TIME_CAP + WATCHDOG_MARGIN_MS);
  if (started.type === 'work-failed') return errored(key, started.message, started.cause);
  if (started.type !== 'work-ready') return errored(key, describeNotStarted(started, plan.startTimeoutMs));
  const readyTarget = { ...target, childPid: started.childPid };
  const atReady = takeSnapshots(readyTarget);
  const workMemory = measureWorkMemory(measure.before.memory, atReady.memory, started.childPid);
  const style: KillStyle = killStyleOf(plan.kill);
  trial.onPhase?.('stopping');
  host.send({ type: 'kill' });
  const end =
    style.kind === 'work' ? await waitForStop(host, plan, readyTarget) : await endHostAtKillPoint(host, plan, readyTarget, directory.sectionLog, style.kind);
  // Only now may the caller start the next host: a Node.js start-up beside the stop would be timed with it.
  trial.onPhase?.('stopped');
  const measured = await measureTrial({ ...measure, target: readyTarget, atReady, startMs: started.startMs, workMemory }, end);
  return end.kind === 'stopped' && style.kind === 'work' ? { ...measured, parent: awaitParentRelease(host, measure.lingerMs) } : measured;
}

/** How long the host may wait for the kill point: the delay, the deadline, or the delay and the stop timeout for the workload to enter its section. */
function killPointWaitMs(plan: TrialPlan): number {
  if (plan.killPoint.kind === 'delay') return plan.killPoint.delayMs;
  // A deadline counts from the start of the work, which came before ready(): waiting all of it is an upper bound.
  if (plan.killPoint.kind === 'deadline') return plan.killPoint.afterStartMs;
  return plan.killPoint.afterMs + plan.stopTimeoutMs;
}

async function waitForStop(host: HostProcess, plan: TrialPlan, target: ProbeTarget): Promise<TrialEnd> {
  const stopped = await host.waitFor(
    ['work-stopped', 'work-hung', 'work-failed'],
    killPointWaitMs(plan) + stopAllowanceMs(killStyleOf(plan.kill), plan) * GIVEN_TIME_CAP + WATCHDOG_MARGIN_MS,
  );
  if (stopped.type === 'host-exited') return { kind: 'errored', error: stopped.detail };
  if (stopped.type === 'work-failed') return { kind: 'errored', error: stopped.message };
  if (stopped.type !== 'timeout') adoptSightings(target, stopped);
  return stopped.type === 'work-stopped' ? { kind: 'stopped', event: stopped } : asHung(stopped);
}

/** What the host saw at the kill and at the end joins what the harness saw: the processes by identity, the files by path. */
function adoptSightings(target: ProbeTarget, sightings: Partial<HostSightings>): void {
  for (const member of sightings.processes ?? []) for (const way of member.foundBy) target.family.record(member, way);
  for (const path of sightings.heldFiles ?? []) target.heldFiles.add(path);
  for (const pid of sightings.adopted ?? []) {
    const adopted = readProcessStat(pid);
    if (adopted !== null) target.family.markAdopted(adopted);
  }
}

/**
 * Once the work reached its kill point, the host ends: host-death SIGKILLs it, and the stop lasts until the kernel has
 * reaped it; daemon-exit (`host-exit`) lets its interpreter exit by itself, and the stop lasts until it has, or the
 * stop timeout passes (then the host is SIGKILLed and the trial is hung).
 */
async function endHostAtKillPoint(host: HostProcess, plan: TrialPlan, target: ProbeTarget, sectionLog: string, kind: 'host' | 'host-exit'): Promise<TrialEnd> {
  const reached = await host.waitFor(['kill-point-reached', 'work-failed'], killPointWaitMs(plan) + WATCHDOG_MARGIN_MS);
  if (reached.type === 'timeout') return { kind: 'errored', error: 'the host did not report reaching the kill point' };
  if (reached.type !== 'kill-point-reached') return { kind: 'errored', error: reached.type === 'work-failed' ? reached.message : reached.detail };
  // Right before the kill: every process of the trial alive now, and the outside files they hold.
  takeSnapshots(target);
  const killRequestedAt = performance.now();
  const sectionLogBytesAtStop = measureLogBytes(sectionLog);
  const exited = kind === 'host' ? (await host.kill(), true) : await host.exitsWithin(plan.stopTimeoutMs);
  const stopMs = performance.now() - killRequestedAt;
  const why = kind === 'host' ? 'host-death killed the host before it could read them' : 'the host had exited by the time they could be read';
  if (!exited) return { kind: 'hung', phase: 'stop', workAtStop: null, workAtHang: null, sectionLogBytesAtStop, ...unread(why) };
  const killRequestedEpochMs = performance.timeOrigin + killRequestedAt;
  const endedBy = kind === 'host' ? 'host-death' : 'interpreter exit';
  return {
    kind: 'stopped',
    event: {
      ...{ exitCode: null, signal: kind === 'host' ? 'SIGKILL' : null, error: null, stopMs, reportedMs: stopMs, killRequestedEpochMs, endedBy },
      ...{ processes: [], heldFiles: [], workAtStop: null, sectionLogBytesAtStop, ...unread(why) },
    },
  };
}

/** A host that stopped answering is as wedged as the work inside it. */
function asHung(wait: Extract<HostEvent, { type: 'work-hung' }> | { type: 'timeout' }): TrialEnd {
  if (wait.type !== 'timeout') {
    const { phase, mutex, sharedMemory, workAtStop, workAtHang, sectionLogBytesAtStop, parent } = wait;
    return {
      ...{ kind: 'hung', phase, mutex, sharedMemory, workAtStop, workAtHang },
      ...(sectionLogBytesAtStop === undefined ? {} : { sectionLogBytesAtStop }),
      ...(parent === undefined ? {} : { parent }),
    };
  }
  return { kind: 'hung', phase: 'stop', ...unread('the host stopped answering before it read them'), workAtStop: null, workAtHang: null };
}

/** The shared memory and mutex when the host never read them. */
function unread(reason: string): SharedState {
  return { mutex: null, sharedMemory: { read: false, reason } };
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
    ...sendSteps(killStyleOf(plan.kill), plan.graceMs),
    lingerMs: plan.lingerMs ?? DEFAULT_LINGER_MS,
  };
}

/** A sequence's steps, --grace resolved: the Python host runs them as they come (the Node.js host reads the name). */
function sendSteps(style: KillStyle, graceMs: number): Pick<HostedTrial, 'steps'> {
  if (style.steps === undefined) return {};
  return { steps: style.steps.map((step) => (step.kind === 'wait' ? { ...step, ms: waitMsOf(step, graceMs) } : step)) };
}

/**
 * A workload that never became ready is one outcome, whatever kept it: errored, since no stop could be measured, with
 * what the host read of where its thread was waiting (or that the host itself fell silent or died).
 */
function describeNotStarted(started: HostWait<'work-failed' | 'work-hung'>, startTimeoutMs: number): string {
  if (started.type === 'work-failed') return started.message;
  if (started.type === 'host-exited') return started.detail;
  const where = started.type === 'work-hung' ? 'its host did not read where it was waiting' : 'its host stopped answering';
  return `the workload did not call ready() within ${startTimeoutMs} ms (--start-timeout); ${where}`;
}

function errored(key: TrialKey, error: string, cause?: ErroredTrial['cause']): Measured {
  return { result: { ...key, outcome: 'errored', error, ...(cause === undefined ? {} : { cause }) }, lingering: null };
}

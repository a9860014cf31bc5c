import type { HostedTrial } from '../host/host-messages.ts';
import { reapMarkedProcesses } from '../marker/reap.ts';
import type { ProbeTarget } from '../probes/probe.ts';
import { compareAll, type Snapshots, takeSnapshots } from '../probes/probes.ts';
import { type HostProcess, type HostWait, startHost } from './host-process.ts';
import { createTrialDirectory, readLogLines, removeDirectory, type TrialDirectory } from './trial-directory.ts';
import { hasLeftovers, type TrialKey, type TrialResult } from './trial-result.ts';

/** How long a host may take to start: a Node.js start-up with TypeScript support, on a loaded 2-core machine. */
const HOST_START_TIMEOUT_MS = 15_000;
/** Extra time the harness's watchdog allows beyond the host's own deadlines before it treats the host as wedged. */
const WATCHDOG_MARGIN_MS = 2_000;

export interface TrialPlan extends TrialKey {
  readonly trialId: string;
  readonly workloadUrl: string;
  readonly runDirectory: string;
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
}

/** Runs one trial in a fresh host, probes it, then SIGKILLs the host, reaps its marker and removes its directory. */
export async function runTrial(plan: TrialPlan): Promise<TrialResult> {
  const key: TrialKey = { runtime: plan.runtime, kill: plan.kill, workload: plan.workload, trial: plan.trial };
  const directory = createTrialDirectory(plan.runDirectory, plan.trialId);
  const host = startHost(plan.trialId);
  try {
    return await observeTrial(plan, key, directory, host);
  } finally {
    try {
      await host.kill();
      await reapMarkedProcesses(plan.trialId);
    } finally {
      removeDirectory(directory.root);
    }
  }
}

async function observeTrial(plan: TrialPlan, key: TrialKey, directory: TrialDirectory, host: HostProcess): Promise<TrialResult> {
  const hostReady = await host.waitFor(['host-ready'], HOST_START_TIMEOUT_MS);
  if (hostReady.type !== 'host-ready') return errored(key, describeWait(hostReady, 'the host did not start'));
  const target: ProbeTarget = { trialId: plan.trialId, hostPid: host.pid, childPid: null, workDir: directory.workDir };
  const before = takeSnapshots(target);
  host.send({ type: 'start', trial: toHostedTrial(plan, directory) });
  const started = await host.waitFor(['work-ready', 'work-failed', 'work-hung'], plan.startTimeoutMs + WATCHDOG_MARGIN_MS);
  if (started.type === 'work-ready') {
    const stopped = await host.waitFor(['work-stopped', 'work-hung'], plan.stopTimeoutMs + WATCHDOG_MARGIN_MS);
    return measure(key, directory, before, { ...target, childPid: started.childPid }, stopped);
  }
  if (started.type === 'work-hung' || started.type === 'timeout') return measure(key, directory, before, target, started);
  return errored(key, started.type === 'work-failed' ? started.message : started.detail);
}

function measure(
  key: TrialKey,
  directory: TrialDirectory,
  before: Snapshots,
  target: ProbeTarget,
  end: HostWait<'work-stopped' | 'work-hung'>,
): TrialResult {
  if (end.type === 'host-exited') return errored(key, end.detail);
  const leftovers = compareAll(before, takeSnapshots(target));
  const cleanupSteps = readLogLines(directory.cleanupLog);
  const measured = { ...key, leftovers, cleanupSteps, cleanupRan: cleanupSteps.length > 0 };
  if (end.type !== 'work-stopped') {
    // A host that stopped answering is as wedged as the work inside it.
    return { ...measured, outcome: 'hung', phase: end.type === 'work-hung' ? end.phase : 'stop', stopMs: null };
  }
  return {
    ...measured,
    outcome: hasLeftovers(leftovers) ? 'leaked' : 'stopped',
    exit: { code: end.exitCode, signal: end.signal, error: end.error },
    stopMs: end.stopMs,
    reportedMs: end.reportedMs,
  };
}

function toHostedTrial(plan: TrialPlan, directory: TrialDirectory): HostedTrial {
  return {
    runtime: plan.runtime,
    kill: plan.kill,
    spec: { workloadUrl: plan.workloadUrl, workDir: directory.workDir, cleanupLog: directory.cleanupLog, acknowledgementLog: directory.acknowledgementLog },
    controlDir: directory.controlDir,
    startTimeoutMs: plan.startTimeoutMs,
    stopTimeoutMs: plan.stopTimeoutMs,
  };
}

function errored(key: TrialKey, error: string): TrialResult {
  return { ...key, outcome: 'errored', error };
}

function describeWait(wait: { type: 'timeout' } | { type: 'host-exited'; detail: string }, context: string): string {
  return wait.type === 'timeout' ? `${context} within ${HOST_START_TIMEOUT_MS} ms` : `${context}: ${wait.detail}`;
}

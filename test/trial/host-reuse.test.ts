import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';
import type { KillStyleName } from '../../src/kill-styles/kill-styles.ts';
import { createRunId, createTrialId } from '../../src/marker/marker.ts';
import { readEnvironmentVariable } from '../../src/linux-proc/process-environment.ts';
import type { RuntimeName } from '../../src/runtime/runtime.ts';
import { createHostMarker, type HostProcess, retireHost, startHost } from '../../src/trial/host-process.ts';
import { type HostedResult, runTrialOnHost } from '../../src/trial/run-trial.ts';
import { resolveWorkloads } from '../../src/run/resolve-workloads.ts';
import { createRunDirectory, removeDirectory } from '../../src/trial/trial-directory.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { findLivingProcessesOf } from '../support/living-processes.ts';
import { countLeftovers, fixtureUrl } from '../support/trial-runner.ts';

const runId = createRunId();
const runDirectory = createRunDirectory(runId);
let trialNumber = 0;
afterAll(() => removeDirectory(runDirectory));

/**
 * A built-in workload runs from dist/ as JavaScript. A TypeScript fixture is loaded through tsx, whose esbuild
 * child, when a worker starts one, stays a zombie of the host once the worker is gone: a host not handed back.
 */
const [openFiles] = await resolveWorkloads(['open-files']);
if (openFiles === undefined) throw new Error('the built-in workload open-files is missing');
const openFilesUrl = openFiles.workloadUrl;

/** One trial on the given host, asking for it back as a lane does; a workload is a fixture's name or `open-files`. */
async function runOn(
  host: HostProcess,
  runtime: RuntimeName,
  kill: KillStyleName,
  workload: string,
): Promise<{ result: TrialResult; host: HostedResult['host'] }> {
  trialNumber += 1;
  const workloadUrl = workload === 'open-files' ? openFilesUrl : fixtureUrl(workload);
  const hosted = await runTrialOnHost(
    {
      runtime,
      kill,
      workload: basename(fileURLToPath(workloadUrl), extname(workloadUrl)),
      trial: trialNumber,
      trialId: createTrialId(runId, trialNumber),
      workloadUrl,
      runDirectory,
      startTimeoutMs: 15_000,
      stopTimeoutMs: 5_000,
      graceMs: 500,
      deadlineMs: 4_000,
      killPoint: { kind: 'delay', delayMs: 0 },
      memoryLimitMb: DEFAULTS.memoryLimitMb,
    },
    host,
    { keepHost: true },
  );
  return { result: await hosted.final, host: hosted.host };
}

function startLaneHost(runtime: RuntimeName): HostProcess {
  return startHost(createHostMarker(runId, trialNumber + 1), runtime);
}

/** What a result says, without the numbers that vary from trial to trial. */
function kindOf(result: TrialResult) {
  if (!('leftovers' in result)) return { outcome: result.outcome };
  return { outcome: result.outcome, leftovers: countLeftovers(result), cleanupSteps: result.cleanupSteps, exit: 'exit' in result ? result.exit : null };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.each<{ runtime: RuntimeName; kill: KillStyleName }>([
  { runtime: 'thread', kill: 'abort' },
  { runtime: 'process', kill: 'abort' },
])('a $runtime host stopped by $kill', ({ runtime, kill }) => {
  it('is handed back after a clean stop, runs the next trial with the same results, and keeps its own marker', async () => {
    const host = startLaneHost(runtime);
    try {
      const first = await runOn(host, runtime, kill, 'open-files');
      expect(first.host).toBe(host);
      const second = await runOn(host, runtime, kill, 'open-files');
      expect(second.host).toBe(host);
      expect(first.result.outcome).toBe('stopped');
      expect(kindOf(second.result)).toEqual(kindOf(first.result));
      // The trials' reaps spared it: its environment still shows the host's marker, not a trial's.
      expect(isAlive(host.pid)).toBe(true);
      expect(readEnvironmentVariable(host.pid, 'ISOLATION_HARNESS_TRIAL')).toBe(host.marker);
    } finally {
      await retireHost(host);
    }
  });

  it('is not handed back after a trial that left its grandchild, which counts as that trial’s survivor', async () => {
    const host = startLaneHost(runtime);
    try {
      const clean = await runOn(host, runtime, kill, 'open-files');
      expect(clean.host).toBe(host);
      // The grandchild carries the second trial's marker, so the reused host's probes attribute it to that trial.
      const leaky = await runOn(host, runtime, kill, 'spawns-grandchild');
      expect(leaky.host).toBeUndefined();
      expect(leaky.result.outcome).toBe('leaked');
      expect(countLeftovers(leaky.result).processes).toBe(1);
      expect(isAlive(host.pid)).toBe(false);
      expect(findLivingProcessesOf(runId)).toEqual([]);
    } finally {
      await retireHost(host);
    }
  });
});

describe('a host whose trial cannot hand it back', () => {
  it('is not handed back after host-death, and nothing of the trial survives', async () => {
    const host = startLaneHost('thread');
    const { result, host: handedBack } = await runOn(host, 'thread', 'host-death', 'awaits-only-signal');
    expect(result.outcome).toBe('stopped');
    expect(handedBack).toBeUndefined();
    expect(findLivingProcessesOf(runId)).toEqual([]);
  });

  it('is not handed back after a temp file was left', async () => {
    const host = startLaneHost('thread');
    const { result, host: handedBack } = await runOn(host, 'thread', 'terminate', 'leaks-temp-file');
    expect(result.outcome).toBe('leaked');
    expect(handedBack).toBeUndefined();
    expect(isAlive(host.pid)).toBe(false);
  });
});

import { createRunId, createTrialId } from '../src/marker/marker.ts';
import { reapMarkedProcesses } from '../src/marker/reap.ts';
import { compareAll, takeSnapshots } from '../src/probes/probes.ts';
import { summarizeSamples } from '../src/statistics/summarize-samples.ts';
import { startHost } from '../src/trial/host-process.ts';
import { createRunDirectory, createTrialDirectory, removeDirectory } from '../src/trial/trial-directory.ts';

/** The probes on their own, against a real host that waits for its trial: nothing else of the harness runs meanwhile. */
export interface ProbesAlone {
  readonly snapshotMs: number;
  readonly compareMs: number;
  /** A clean trial probes three times (before, at ready, one pass of the release window) and compares once. */
  readonly perTrialMs: number;
}

export async function timeProbesAlone(rounds: number): Promise<ProbesAlone> {
  const runId = createRunId();
  const runDirectory = createRunDirectory(runId);
  const trialId = createTrialId(runId, 1);
  const host = startHost(trialId);
  try {
    const ready = await host.waitFor(['host-ready'], 15_000);
    if (ready.type !== 'host-ready') throw new Error(`the host for timing the probes did not start: ${ready.type === 'host-exited' ? ready.detail : 'timeout'}`);
    const target = { trialId, hostPid: host.pid, childPid: null, workDir: createTrialDirectory(runDirectory, trialId).workDir };
    const before = takeSnapshots(target);
    const snapshots: number[] = [];
    const compares: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const startedAt = performance.now();
      const after = takeSnapshots(target);
      const takenAt = performance.now();
      await compareAll(before, before, after);
      snapshots.push(takenAt - startedAt);
      compares.push(performance.now() - takenAt);
    }
    const snapshotMs = summarizeSamples(snapshots)?.median ?? Number.NaN;
    const compareMs = summarizeSamples(compares)?.median ?? Number.NaN;
    return { snapshotMs, compareMs, perTrialMs: 3 * snapshotMs + compareMs };
  } finally {
    await host.kill();
    await reapMarkedProcesses(runId);
    removeDirectory(runDirectory);
  }
}

import { createRunId, createTrialId } from '../src/marker/marker.ts';
import { createProbeTarget } from '../src/probes/probe-target.ts';
import { compareAll, takeSnapshots } from '../src/probes/probes.ts';
import { reapMarker } from '../src/process-family/reap-family.ts';
import { scanFamily, scanFamilyTree } from '../src/process-family/scan-family.ts';
import { FAMILY_WATCH_INTERVAL_MS } from '../src/process-family/watch-family.ts';
import { summarizeSamples } from '../src/statistics/summarize-samples.ts';
import { startHost } from '../src/trial/host-process.ts';
import { createRunDirectory, createTrialDirectory, removeDirectory } from '../src/trial/trial-directory.ts';

/** The probes on their own, against a real host that waits for its trial: nothing else of the harness runs meanwhile. */
export interface ProbesAlone {
  readonly snapshotMs: number;
  readonly compareMs: number;
  /** A clean trial probes three times (before, at ready, one pass of the release window) and compares once. */
  readonly perTrialMs: number;
  /** One full scan of the trial's processes (every pid's status and marker, its cgroup, groups and sessions). */
  readonly fullScanMs: number;
  /** One read of the trial's tree and cgroup, what runs every FAMILY_WATCH_INTERVAL_MS between snapshots. */
  readonly treeScanMs: number;
  /** The share of one core the tree reads take while a trial runs. */
  readonly treeScanCoreShare: number;
}

export async function timeProbesAlone(rounds: number): Promise<ProbesAlone> {
  const runId = createRunId();
  const runDirectory = createRunDirectory(runId);
  const trialId = createTrialId(runId, 1);
  const host = startHost(trialId);
  try {
    const ready = await host.waitFor(['host-ready'], 15_000);
    if (ready.type !== 'host-ready')
      throw new Error(`the host for timing the probes did not start: ${ready.type === 'host-exited' ? ready.detail : 'timeout'}`);
    const target = createProbeTarget({ trialId, hostPid: host.pid, workDir: createTrialDirectory(runDirectory, trialId).workDir });
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
    target.window.close();
    const snapshotMs = summarizeSamples(snapshots)?.median ?? Number.NaN;
    const compareMs = summarizeSamples(compares)?.median ?? Number.NaN;
    const fullScanMs = timeMedian(rounds, () => scanFamily(target.family));
    const treeScanMs = timeMedian(rounds, () => scanFamilyTree(target.family));
    return { snapshotMs, compareMs, perTrialMs: 3 * snapshotMs + compareMs, fullScanMs, treeScanMs, treeScanCoreShare: treeScanMs / FAMILY_WATCH_INTERVAL_MS };
  } finally {
    await host.kill();
    await reapMarker(runId);
    await host.containment?.remove();
    removeDirectory(runDirectory);
  }
}

function timeMedian(rounds: number, action: () => void): number {
  const samples = Array.from({ length: rounds }, () => {
    const startedAt = performance.now();
    action();
    return performance.now() - startedAt;
  });
  return summarizeSamples(samples)?.median ?? Number.NaN;
}

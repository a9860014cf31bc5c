import { SQLITE_PACKAGE } from '../workloads/sqlite-batches.ts';
import { type OnBuild, prepareNativeAddons } from './native-addons.ts';
import type { NodeBinary, NodeTarget } from './node-target.ts';
import { probeWorkloads } from './probe-workloads.ts';
import { resolveNodeBinaries } from './resolve-node.ts';

/** What preparing a target reads of a resolved workload: its name, where its module is, and whether it is available at all. */
interface ProbedWorkload {
  readonly name: string;
  readonly unavailable?: string;
  readonly workloadUrl: string;
}

/**
 * Every --node value as a target the run can start hosts on, prepared before the first trial: installed, its
 * better-sqlite3 built if a workload needs it there, and each workload asked whether it can run on it.
 */
export async function prepareNodeTargets(
  values: readonly string[],
  workloads: readonly ProbedWorkload[],
  onBuild: OnBuild,
  signal?: AbortSignal,
): Promise<NodeTarget[]> {
  const targets: NodeTarget[] = [];
  for (const binary of await resolveNodeBinaries(values, signal)) targets.push(await prepareNodeTarget(binary, workloads, onBuild, signal));
  return targets;
}

async function prepareNodeTarget(binary: NodeBinary, workloads: readonly ProbedWorkload[], onBuild: OnBuild, signal?: AbortSignal): Promise<NodeTarget> {
  const { headersDir: _headersDir, ...described } = binary;
  const urls = workloads.map((workload) => workload.workloadUrl);
  let hostEnv: Readonly<Record<string, string>> = {};
  let answers = await probeWorkloads(binary, urls, hostEnv);
  let buildFailure: string | null = null;
  // Only a run whose workloads miss better-sqlite3 on this Node.js pays for building it.
  if (Object.values(answers).some((reason) => reason?.includes(SQLITE_PACKAGE))) {
    const addons = await prepareNativeAddons(binary, onBuild, signal);
    ({ hostEnv } = addons);
    buildFailure = addons.sqliteUnavailable;
    if (buildFailure === null) answers = await probeWorkloads(binary, urls, hostEnv);
  }
  const unavailable: Record<string, string> = {};
  for (const workload of workloads) {
    const reason = answers[workload.name] ?? null;
    // Unavailable on every Node.js: the workload's own entry says so already.
    if (reason === null || workload.unavailable !== undefined) continue;
    unavailable[workload.name] = reason.includes(SQLITE_PACKAGE) && buildFailure !== null ? buildFailure : reason;
  }
  return { ...described, unavailable, hostEnv };
}

import { SQLITE_PACKAGE } from '../workloads/sqlite-driver.ts';
import { engineEnvironment } from './engine-command.ts';
import { librariesOf } from './engine-libraries.ts';
import type { EngineSpec } from './engine-spec.ts';
import type { EngineBinary, EngineTarget } from './engine-target.ts';
import { type OnBuild, prepareNativeAddons } from './native-addons.ts';
import { probeWorkloads } from './probe-workloads.ts';
import { resolveEngineBinaries } from './resolve-engine.ts';

/** What preparing a target reads of a resolved workload: its name, where its module is, and whether it is available at all. */
interface ProbedWorkload {
  readonly name: string;
  readonly unavailable?: string;
  readonly workloadUrl: string;
}

/**
 * Every --engine value as a target the run can start hosts on, prepared before the first trial: installed, its
 * better-sqlite3 built if a workload needs it on that Node.js, and each workload asked whether it can run there.
 */
export async function prepareEngineTargets(
  specs: readonly EngineSpec[],
  workloads: readonly ProbedWorkload[],
  onBuild: OnBuild,
  options: { readonly flag?: string; readonly signal?: AbortSignal } = {},
): Promise<EngineTarget[]> {
  const targets: EngineTarget[] = [];
  for (const binary of await resolveEngineBinaries(specs, options.flag ?? '--engine', options.signal))
    targets.push(await prepareEngineTarget(binary, workloads, onBuild, options.signal));
  return targets;
}

async function prepareEngineTarget(binary: EngineBinary, workloads: readonly ProbedWorkload[], onBuild: OnBuild, signal?: AbortSignal): Promise<EngineTarget> {
  const { headersDir: _headersDir, execPath, ...described } = binary;
  const urls = workloads.map((workload) => workload.workloadUrl);
  let hostEnv: Readonly<Record<string, string>> = engineEnvironment(binary.name);
  let answers = await probeWorkloads(binary, urls, hostEnv);
  let buildFailure: string | null = null;
  // Only a run whose workloads miss better-sqlite3 on this Node.js pays for building it; Bun and Deno use their own SQLite.
  if (binary.name === 'node' && Object.values(answers).some((reason) => reason?.includes(SQLITE_PACKAGE))) {
    const addons = await prepareNativeAddons(binary, onBuild, signal);
    hostEnv = { ...hostEnv, ...addons.hostEnv };
    buildFailure = addons.sqliteUnavailable;
    if (buildFailure === null) answers = await probeWorkloads(binary, urls, hostEnv);
  }
  const unavailable: Record<string, string> = {};
  for (const workload of workloads) {
    const reason = answers[workload.name] ?? null;
    // Unavailable on every engine: the workload's own entry says so already.
    if (reason === null || workload.unavailable !== undefined) continue;
    unavailable[workload.name] = reason.includes(SQLITE_PACKAGE) && buildFailure !== null ? buildFailure : reason;
  }
  return { ...described, execPath, unavailable, libraries: librariesOf(binary.name), hostEnv };
}

import { loadTaskModule, splitSource, type TaskRequest, toTaskWorkloadUrl } from '../task/task-module.ts';
import { BUILT_IN_WORKLOADS, type BuiltInWorkloadName } from '../workloads/built-in-workloads.ts';
import type { Workload } from '../workload/define-workload.ts';
import { loadWorkload, toWorkloadUrl, WorkloadLoadError } from '../workload/load-workload.ts';
import type { WorkloadEntry } from '../record/run-record.ts';

/** A workload the run can start: what the report names it, and the module each worker or child imports. */
export interface ResolvedWorkload extends WorkloadEntry {
  readonly workloadUrl: string;
}

/**
 * Turns --workload tokens and --task job files into workloads: a built-in name, or a path to a user's module, which
 * is imported here once so that a missing file, a throwing module or a wrong export is reported before any trial
 * runs. With neither, the run takes every built-in.
 */
export async function resolveWorkloads(tokens: readonly string[] | null, tasks: readonly TaskRequest[] = []): Promise<ResolvedWorkload[]> {
  const resolved = [];
  for (const token of tokens ?? (tasks.length === 0 ? Object.keys(BUILT_IN_WORKLOADS) : [])) resolved.push(await resolveWorkload(token));
  for (const task of tasks) resolved.push(await resolveTask(task));
  rejectDuplicateNames(resolved);
  return resolved;
}

/** The requests that resolve to the workloads of a recorded plan again, for --resume. */
export function requestsOf(workloads: readonly WorkloadEntry[]): { tokens: string[]; tasks: TaskRequest[] } {
  const tokens = workloads.filter((entry) => entry.task === undefined).map((entry) => (entry.source === 'built-in' ? entry.name : entry.source));
  const tasks = workloads.flatMap((entry) => (entry.task === undefined ? [] : [{ source: entry.source, ...entry.task }]));
  return { tokens, tasks };
}

async function resolveWorkload(token: string): Promise<ResolvedWorkload> {
  if (token in BUILT_IN_WORKLOADS) {
    const builtIn = BUILT_IN_WORKLOADS[token as BuiltInWorkloadName];
    return describeWorkload(builtIn.workload, 'built-in', builtIn.moduleUrl);
  }
  if (!looksLikePath(token)) {
    throw new WorkloadLoadError(
      `workload "${token}" is not allowed; allowed: ${Object.keys(BUILT_IN_WORKLOADS).join(', ')}, or a path to a module (./my-workload.ts)`,
    );
  }
  const workloadUrl = toWorkloadUrl(token);
  return describeWorkload(await loadWorkload(workloadUrl), token, workloadUrl);
}

/** A tinypool- or piscina-style job file, checked here, then run through the task adapter. */
async function resolveTask(request: TaskRequest): Promise<ResolvedWorkload> {
  const { path, exportName } = splitSource(request.source);
  const taskUrl = toWorkloadUrl(path, 'task');
  await loadTaskModule(taskUrl, exportName);
  const workloadUrl = toTaskWorkloadUrl(taskUrl, request);
  const task = request.data === undefined ? {} : { data: request.data };
  return { ...describeWorkload(await loadWorkload(workloadUrl), request.source, workloadUrl), task };
}

/** What the plan and the report keep of a workload; the optional traits are written only when they differ from the default. */
function describeWorkload(workload: Workload, source: string, workloadUrl: string): ResolvedWorkload {
  const unavailable = workload.unavailable?.() ?? null;
  return {
    name: workload.name,
    description: workload.description,
    source,
    criticalSections: workload.criticalSections ?? [],
    ...(unavailable === null ? {} : { unavailable }),
    ...(workload.receivesStopRequest === false ? { receivesStopRequest: false } : {}),
    ...(workload.readsCommands === false ? { readsCommands: false } : {}),
    ...(workload.reportsCleanup === false ? { reportsCleanup: false } : {}),
    workloadUrl,
  };
}

function looksLikePath(token: string): boolean {
  return token.includes('/') || /\.[cm]?[jt]sx?$/.test(token);
}

function rejectDuplicateNames(workloads: ResolvedWorkload[]): void {
  const seen = new Map<string, string>();
  for (const workload of workloads) {
    const earlier = seen.get(workload.name);
    if (earlier !== undefined) {
      throw new WorkloadLoadError(`workload name "${workload.name}" is used by both ${earlier} and ${workload.source}; give each workload a unique name`);
    }
    seen.set(workload.name, workload.source);
  }
}

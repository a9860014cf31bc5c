import { BUILT_IN_WORKLOADS, type BuiltInWorkloadName } from '../workloads/built-in-workloads.ts';
import { loadWorkload, toWorkloadUrl, WorkloadLoadError } from '../workload/load-workload.ts';
import type { WorkloadEntry } from './run-record.ts';

/** A workload the run can start: what the report names it, and the module each worker or child imports. */
export interface ResolvedWorkload extends WorkloadEntry {
  readonly workloadUrl: string;
}

/**
 * Turns --workload tokens into workloads: a built-in name, or a path to a user's module, which is imported
 * here once so that a missing file, a throwing module or a wrong export is reported before any trial runs.
 */
export async function resolveWorkloads(tokens: readonly string[] | null): Promise<ResolvedWorkload[]> {
  const resolved = [];
  for (const token of tokens ?? Object.keys(BUILT_IN_WORKLOADS)) resolved.push(await resolveWorkload(token));
  rejectDuplicateNames(resolved);
  return resolved;
}

async function resolveWorkload(token: string): Promise<ResolvedWorkload> {
  if (token in BUILT_IN_WORKLOADS) {
    const builtIn = BUILT_IN_WORKLOADS[token as BuiltInWorkloadName];
    return { name: token, description: builtIn.description, source: 'built-in', criticalSections: builtIn.criticalSections, workloadUrl: builtIn.moduleUrl };
  }
  if (!looksLikePath(token)) {
    throw new WorkloadLoadError(
      `workload "${token}" is not allowed; allowed: ${Object.keys(BUILT_IN_WORKLOADS).join(', ')}, or a path to a module (./my-workload.ts)`,
    );
  }
  const workloadUrl = toWorkloadUrl(token);
  const workload = await loadWorkload(workloadUrl);
  return { name: workload.name, description: workload.description, source: token, criticalSections: workload.criticalSections ?? [], workloadUrl };
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

import { resolve } from 'node:path';
import { loadTaskModule, splitSource, type TaskRequest, toTaskWorkloadUrl } from '../task/task-module.ts';
import { BUILT_IN_WORKLOADS, type BuiltInWorkloadName } from '../workloads/built-in-workloads.ts';
import type { Workload } from '../workload/define-workload.ts';
import { loadWorkload, toWorkloadUrl, WorkloadLoadError } from '../workload/load-workload.ts';
import type { PythonWorkloadEntry, WorkloadEntry } from '../record/run-record.ts';
import type { PythonDescription, PythonWorkloadDescription } from '../python-host/python-environment.ts';

/** A workload the run can start: what the report names it, the module each worker or child imports, and its Python module's file. */
export interface ResolvedWorkload extends WorkloadEntry {
  readonly workloadUrl: string;
  /** The .py file a Python host runs for the py- runtimes, when the workload has one. */
  readonly pythonFile?: string;
}

/** Which languages the run's runtimes need: Node.js, and Python as its host described itself (null: no py- runtime, or no Python). */
export interface WorkloadLanguages {
  readonly node: boolean;
  readonly python: PythonDescription | null;
}

const NODE_ONLY: WorkloadLanguages = { node: true, python: null };

/**
 * Turns --workload tokens and --task job files into workloads: a built-in name (a Node.js module, a Python one, or
 * both of one name), or a path to a user's module, which is imported here once so that a missing file, a throwing
 * module or a wrong export is reported before any trial runs. With neither, the run takes every built-in of the
 * languages it runs.
 */
export async function resolveWorkloads(
  tokens: readonly string[] | null,
  tasks: readonly TaskRequest[] = [],
  languages = NODE_ONLY,
): Promise<ResolvedWorkload[]> {
  const resolved = [];
  for (const token of tokens ?? (tasks.length === 0 ? listBuiltIns(languages) : [])) resolved.push(await resolveWorkload(token, languages));
  for (const task of tasks) resolved.push(await resolveTask(task));
  rejectDuplicateNames(resolved);
  return resolved;
}

/** The Node.js built-ins (for a run with a Node.js runtime), then the Python built-ins of names Node.js has none of. */
function listBuiltIns(languages: WorkloadLanguages): string[] {
  const node = languages.node ? Object.keys(BUILT_IN_WORKLOADS) : [];
  const python = (languages.python?.workloads ?? []).map((workload) => workload.name).filter((name) => !node.includes(name));
  return [...node, ...python];
}

/** The requests that resolve to the workloads of a recorded plan again, for --resume. */
export function requestsOf(workloads: readonly WorkloadEntry[]): { tokens: string[]; tasks: TaskRequest[] } {
  const tokens = workloads.filter((entry) => entry.task === undefined).map((entry) => (entry.source === 'built-in' ? entry.name : entry.source));
  const tasks = workloads.flatMap((entry) => (entry.task === undefined ? [] : [{ source: entry.source, ...entry.task }]));
  return { tokens, tasks };
}

async function resolveWorkload(token: string, languages: WorkloadLanguages): Promise<ResolvedWorkload> {
  const python = languages.python?.workloads.find((workload) => (token.endsWith('.py') ? workload.file === resolve(token) : workload.name === token));
  if (token in BUILT_IN_WORKLOADS) {
    const builtIn = BUILT_IN_WORKLOADS[token as BuiltInWorkloadName];
    return { ...describeWorkload(builtIn.workload, 'built-in', builtIn.moduleUrl), ...withPython(python, 'built-in') };
  }
  if (python !== undefined) return describePythonOnly(python, token.endsWith('.py') ? token : 'built-in');
  if (!looksLikePath(token)) {
    const pythonNames = (languages.python?.workloads ?? []).map((workload) => workload.name).filter((name) => !(name in BUILT_IN_WORKLOADS));
    throw new WorkloadLoadError(
      `workload "${token}" is not allowed; allowed: ${[...Object.keys(BUILT_IN_WORKLOADS), ...pythonNames].join(', ')}, or a path to a module (./my-workload.ts${languages.python === null ? '' : ', ./my_workload.py'})`,
    );
  }
  if (token.endsWith('.py'))
    throw new WorkloadLoadError(`--workload module "${token}" is a Python module; give --runtime with a py- runtime (py-thread, py-process) to run it`);
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
  const unavailable = askUnavailable(workload, source);
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

/** The workload's own unavailable(): a reason, or null; one that throws or answers otherwise is bad input, said before any trial. */
function askUnavailable(workload: Workload, source: string): string | null {
  let answer: unknown;
  try {
    answer = workload.unavailable?.() ?? null;
  } catch (error) {
    throw new WorkloadLoadError(`workload "${workload.name}" (${source}) threw from unavailable(): ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (answer === null || typeof answer === 'string') return answer;
  throw new WorkloadLoadError(
    `workload "${workload.name}" (${source}) has unavailable() returning ${JSON.stringify(answer) ?? typeof answer}; allowed: a reason (a string) or null`,
  );
}

/** A workload's Python module, beside its Node.js one: its own traits, the file its host runs. */
function withPython(python: PythonWorkloadDescription | undefined, source: string): Pick<ResolvedWorkload, 'python' | 'pythonFile'> {
  if (python === undefined) return {};
  const entry: PythonWorkloadEntry = {
    description: python.description,
    source,
    criticalSections: python.criticalSections,
    ...(python.unavailable === null ? {} : { unavailable: python.unavailable }),
    ...(python.receivesStopRequest ? {} : { receivesStopRequest: false }),
    ...(python.readsCommands ? {} : { readsCommands: false }),
    ...(python.reportsCleanup ? {} : { reportsCleanup: false }),
  };
  return { python: entry, pythonFile: python.file };
}

/** A workload with a Python module only (a Python built-in, or a .py path): its Node.js cells are not applicable. */
function describePythonOnly(python: PythonWorkloadDescription, source: string): ResolvedWorkload {
  return {
    name: python.name,
    description: python.description,
    source,
    criticalSections: [],
    noNodeModule: `${python.name} is a Python workload (${source === 'built-in' ? 'python/workloads/' : source}); it runs in the py- runtimes only`,
    workloadUrl: '',
    ...withPython(python, source),
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

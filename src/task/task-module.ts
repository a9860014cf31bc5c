import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledEntry } from '../runtime/compiled-entry.ts';
import { importModule, WorkloadLoadError } from '../workload/load-workload.ts';
import { describeImportError } from '../workload/describe-import-error.ts';

/**
 * A job file written for tinypool or piscina: a module whose default export (or a named one, `file.js#name`, as
 * tinypool's `name` option picks it) is the task function, called with the task's payload and nothing else.
 */
export interface TaskModule {
  readonly run: (task: unknown) => unknown;
  /** Resolves once the job holds what it holds; without it, readiness is the moment the call starts. */
  readonly ready: ((task: unknown) => unknown) | null;
  /** Runs when the task is to stop or has returned, as tinypool's `teardown` does; without it, cleanup is not observable. */
  readonly cleanup: ((task: unknown) => unknown) | null;
}

export interface TaskRequest {
  /** The path as the user gave it, with an optional `#exportName`. */
  readonly source: string;
  /** The payload the task function is called with (--task-data); undefined when none was given. */
  readonly data?: unknown;
}

const adapterPath = compiledEntry('./task-workload.ts', import.meta.url);
const CLEANUP_EXPORTS = ['cleanup', 'teardown'];

/** The module URL that runs a task as a workload: the adapter, told by its query which file, export and payload. */
export function toTaskWorkloadUrl(taskUrl: string, request: TaskRequest): string {
  const url = pathToFileURL(adapterPath);
  url.searchParams.set('task', taskUrl);
  url.searchParams.set('export', splitSource(request.source).exportName);
  if (request.data !== undefined) url.searchParams.set('data', JSON.stringify(request.data));
  return url.href;
}

/** What the adapter's own URL says: the task module, the export to call and the payload. */
export function readTaskWorkloadUrl(adapterUrl: string): { taskUrl: string; exportName: string; data: unknown } {
  const params = new URL(adapterUrl).searchParams;
  const taskUrl = params.get('task');
  if (taskUrl === null) throw new WorkloadLoadError(`${adapterUrl} names no task module`);
  const data = params.get('data');
  return { taskUrl, exportName: params.get('export') ?? 'default', data: data === null ? undefined : JSON.parse(data) };
}

/** The path part of a `--task` value, without its `#exportName`. */
export function splitSource(source: string): { path: string; exportName: string } {
  const hash = source.lastIndexOf('#');
  if (hash <= 0) return { path: source, exportName: 'default' };
  return { path: source.slice(0, hash), exportName: source.slice(hash + 1) || 'default' };
}

/** The workload's name in the report: the file's name without its extension, and the export when it is not the default. */
export function nameTask(taskUrl: string, exportName: string): string {
  const file = basename(fileURLToPath(taskUrl)).replace(/\.[cm]?[jt]sx?$/, '');
  return exportName === 'default' ? file : `${file}#${exportName}`;
}

/** Imports a job file and picks its task function and optional hooks; a missing or non-function export is named. */
export async function loadTaskModule(taskUrl: string, exportName: string): Promise<TaskModule> {
  let module: Record<string, unknown>;
  try {
    module = (await importModule(taskUrl)) as Record<string, unknown>;
  } catch (error) {
    throw new WorkloadLoadError(`--task module ${fileURLToPath(taskUrl)} threw on import: ${describeImportError(error, taskUrl)}`, { cause: error });
  }
  const run = pickFunction(module, exportName);
  if (run === null) {
    const found = Object.keys(module).filter((key) => typeof module[key] === 'function');
    throw new WorkloadLoadError(
      `--task module ${fileURLToPath(taskUrl)} has no function export "${exportName}"; functions exported: ${found.join(', ') || 'none'} (pick one with ${fileURLToPath(taskUrl)}#name)`,
    );
  }
  const cleanupName = CLEANUP_EXPORTS.find((name) => pickFunction(module, name) !== null);
  return { run, ready: pickFunction(module, 'ready'), cleanup: cleanupName === undefined ? null : pickFunction(module, cleanupName) };
}

/** A named export, or the same name on a CommonJS module's `module.exports` (which an ES import sees as `default`). */
function pickFunction(module: Record<string, unknown>, name: string): ((task: unknown) => unknown) | null {
  const direct = module[name];
  if (typeof direct === 'function') return direct as (task: unknown) => unknown;
  const commonJs = module.default;
  if (typeof commonJs !== 'object' || commonJs === null) return null;
  const nested = (commonJs as Record<string, unknown>)[name];
  return typeof nested === 'function' ? (nested as (task: unknown) => unknown) : null;
}

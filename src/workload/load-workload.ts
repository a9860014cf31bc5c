import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isWorkload, type Workload } from './define-workload.ts';

const TYPESCRIPT_EXTENSION = /\.[cm]?tsx?$/;

/** A workload module could not be turned into a workload; the message says which module and why. */
export class WorkloadLoadError extends Error {
  override name = 'WorkloadLoadError';
}

/** Resolves a user-given path against the working directory, so the same string works in every process. */
export function toWorkloadUrl(path: string, kind: 'workload' | 'task' = 'workload'): string {
  const absolutePath = isAbsolute(path) ? path : resolve(path);
  if (!existsSync(absolutePath)) {
    throw new WorkloadLoadError(`${kind} module "${path}" does not exist (resolved to ${absolutePath})`);
  }
  return pathToFileURL(absolutePath).href;
}

/** Imports a workload module and checks that its default export was made with defineWorkload(). */
export async function loadWorkload(workloadUrl: string): Promise<Workload> {
  let module: { default?: unknown };
  try {
    await prepareLoaderFor(workloadUrl);
    module = await import(workloadUrl);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new WorkloadLoadError(`workload module ${workloadUrl} threw on import: ${reason}`, { cause: error });
  }
  const workload = unwrapDefault(module.default);
  if (!isWorkload(workload)) {
    throw new WorkloadLoadError(
      `workload module ${workloadUrl} has no workload default export; write "export default defineWorkload({ name, description, run })"`,
    );
  }
  return workload;
}

/** A TypeScript file outside an ES-module package compiles to CommonJS, where `export default` lands one level down. */
function unwrapDefault(value: unknown): unknown {
  if (isWorkload(value) || typeof value !== 'object' || value === null || !('default' in value)) return value;
  return value.default;
}

let typeScriptRegistered: Promise<void> | undefined;

/** Users' TypeScript workloads load through tsx, registered once per thread and only when such a module is asked for. */
export function prepareLoaderFor(workloadUrl: string): Promise<void> {
  if (!namesTypeScript(workloadUrl)) return Promise.resolve();
  typeScriptRegistered ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  return typeScriptRegistered;
}

/** The module is TypeScript, or its query names a TypeScript module it imports (a task adapter's job file). */
function namesTypeScript(moduleUrl: string): boolean {
  const { pathname, searchParams } = new URL(moduleUrl);
  return [pathname, ...searchParams.values()].some((part) => TYPESCRIPT_EXTENSION.test(part));
}

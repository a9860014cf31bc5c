import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isWorkload, type Workload } from './define-workload.ts';
import { describeImportError } from './describe-import-error.ts';
import { findShapeProblem } from './check-workload-shape.ts';
import { traitsOfRunningEngine } from '../this-engine/engine-traits.ts';

const TYPESCRIPT_EXTENSION = /\.[cm]?tsx?$/;

/** A workload module could not be turned into a workload; the message says which module and why. */
export class WorkloadLoadError extends Error {
  override name = 'WorkloadLoadError';
}

/** Resolves a user-given path against the working directory, so the same string works in every process. */
export function toWorkloadUrl(path: string, kind: 'workload' | 'task' = 'workload'): string {
  const absolutePath = isAbsolute(path) ? path : resolve(path);
  if (!existsSync(absolutePath)) {
    throw new WorkloadLoadError(
      `--${kind} module "${path}" does not exist (resolved to ${absolutePath}); allowed: a path to a module, from the working directory`,
    );
  }
  return pathToFileURL(absolutePath).href;
}

/** Imports a workload module and checks that its default export was made with defineWorkload(). */
export async function loadWorkload(workloadUrl: string): Promise<Workload> {
  let module: { default?: unknown };
  try {
    module = (await importModule(workloadUrl)) as { default?: unknown };
  } catch (error) {
    throw new WorkloadLoadError(`--workload module ${workloadUrl} threw on import: ${describeImportError(error, workloadUrl)}`, { cause: error });
  }
  const workload = unwrapDefault(module.default);
  if (!isWorkload(workload)) {
    throw new WorkloadLoadError(
      `--workload module ${workloadUrl} has no workload default export; write "export default defineWorkload({ name, description, run })"`,
    );
  }
  const problem = findShapeProblem(workload);
  if (problem !== null) throw new WorkloadLoadError(`--workload module ${workloadUrl} has a default export made with defineWorkload() whose ${problem}`);
  return workload;
}

/** A TypeScript file outside an ES-module package compiles to CommonJS, where `export default` lands one level down. */
function unwrapDefault(value: unknown): unknown {
  if (isWorkload(value) || typeof value !== 'object' || value === null || !('default' in value)) return value;
  return value.default;
}

/**
 * Imports a module, a TypeScript one through tsx. Node.js 20.19 and later require an ES module from CommonJS
 * themselves, and tsx compiles a TypeScript module outside an ES-module package (no `"type": "module"`) to CommonJS:
 * its import then fails with ERR_REQUIRE_CYCLE_MODULE, whatever the module holds, a syntax error's place included.
 * tsx loads such a module in a namespace of its own, and fails, if it does, with the module's own error.
 */
export async function importModule(moduleUrl: string): Promise<unknown> {
  await prepareLoaderFor(moduleUrl);
  try {
    return await import(moduleUrl);
  } catch (error) {
    if (!TYPESCRIPT_EXTENSION.test(new URL(moduleUrl).pathname) || (error as { code?: unknown }).code !== 'ERR_REQUIRE_CYCLE_MODULE') throw error;
    namespacedImport ??= registerNamespace();
    return await (
      await namespacedImport
    )(moduleUrl, import.meta.url);
  }
}

/** One namespace for every such import, in every process: tsx's compile cache then serves them all, as it serves register()'s. */
let namespacedImport: Promise<(specifier: string, parent: string) => Promise<unknown>> | undefined;
const NAMESPACE = 'isolation-harness';

/** What tsx's tsImport() does, with a fixed namespace instead of a random one: its CommonJS hooks, then its ES module hooks. */
async function registerNamespace(): Promise<(specifier: string, parent: string) => Promise<unknown>> {
  const [commonJs, esModules] = await Promise.all([import('tsx/cjs/api'), import('tsx/esm/api')]);
  commonJs.register({ namespace: NAMESPACE });
  return esModules.register({ namespace: NAMESPACE }).import;
}

let typeScriptRegistered: Promise<void> | undefined;

/** Users' TypeScript workloads load through tsx on Node.js, registered once per thread and only when such a module is asked for. */
export function prepareLoaderFor(workloadUrl: string): Promise<void> {
  if (!namesTypeScript(workloadUrl) || traitsOfRunningEngine().runsTypeScript) return Promise.resolve();
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

import { pathToFileURL } from 'node:url';
import { compiledEntry } from '../runtime/compiled-entry.ts';
import type { Workload } from '../workload/define-workload.ts';
import cpuLoop from './cpu-loop.ts';
import grandchild from './grandchild.ts';
import openFiles from './open-files.ts';
import tempFiles from './temp-files.ts';

/** A workload shipped with the harness: what it does, and the compiled module a worker or child loads. */
export interface BuiltInWorkload {
  readonly name: string;
  readonly description: string;
  /** The compiled module in dist/, as a file URL: a worker or child imports it without a TypeScript loader. */
  readonly moduleUrl: string;
}

/** Every built-in workload by name, in the order the report shows them; the keys type the CLI's --workload values. */
export const BUILT_IN_WORKLOADS = {
  'cpu-loop': builtIn(cpuLoop, './cpu-loop.ts'),
  'open-files': builtIn(openFiles, './open-files.ts'),
  'temp-files': builtIn(tempFiles, './temp-files.ts'),
  grandchild: builtIn(grandchild, './grandchild.ts'),
} as const satisfies Record<string, BuiltInWorkload>;

export type BuiltInWorkloadName = keyof typeof BUILT_IN_WORKLOADS;
/** The names in report order, for listing and checking --workload values. */
export const BUILT_IN_WORKLOAD_NAMES = Object.keys(BUILT_IN_WORKLOADS) as BuiltInWorkloadName[];

// The modules are imported here only for their name and description, which stay written once, in each module.
function builtIn(workload: Workload, relativePath: string): BuiltInWorkload {
  return { name: workload.name, description: workload.description, moduleUrl: pathToFileURL(compiledEntry(relativePath, import.meta.url)).href };
}

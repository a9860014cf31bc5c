import { pathToFileURL } from 'node:url';
import { compiledEntry } from '../runtime/compiled-entry.ts';
import type { Workload } from '../workload/define-workload.ts';
import blockingAtomicsWait from './blocking-atomics-wait.ts';
import blockingExecSync from './blocking-exec-sync.ts';
import blockingFifoRead from './blocking-fifo-read.ts';
import cpuLoop from './cpu-loop.ts';
import grandchild from './grandchild.ts';
import grandchildHoldsStdout from './grandchild-holds-stdout.ts';
import keepsNativeMemory from './keeps-native-memory.ts';
import keepsParentHandle from './keeps-parent-handle.ts';
import ignoresStop from './ignores-stop.ts';
import journalWriter from './journal-writer.ts';
import lockHolder from './lock-holder.ts';
import memoryHog from './memory-hog.ts';
import openFiles from './open-files.ts';
import sharedStruct from './shared-struct.ts';
import sqliteTransaction from './sqlite-transaction.ts';
import tcpServer from './tcp-server.ts';
import tempFiles from './temp-files.ts';
import twoWriteRecord from './two-write-record.ts';

/** A workload shipped with the harness: what it does, and the compiled module a worker or child loads. */
export interface BuiltInWorkload {
  readonly name: string;
  readonly description: string;
  readonly criticalSections: readonly string[];
  /** The workload itself, for what it says of the machine (see Workload.unavailable). */
  readonly workload: Workload;
  /** The compiled module in dist/, as a file URL: a worker or child imports it without a TypeScript loader. */
  readonly moduleUrl: string;
}

/** Every built-in workload by name, in the order the report shows them; the keys type the CLI's --workload values. */
export const BUILT_IN_WORKLOADS = {
  'cpu-loop': builtIn(cpuLoop, './cpu-loop.ts'),
  'open-files': builtIn(openFiles, './open-files.ts'),
  'temp-files': builtIn(tempFiles, './temp-files.ts'),
  grandchild: builtIn(grandchild, './grandchild.ts'),
  'tcp-server': builtIn(tcpServer, './tcp-server.ts'),
  'lock-holder': builtIn(lockHolder, './lock-holder.ts'),
  'memory-hog': builtIn(memoryHog, './memory-hog.ts'),
  'journal-writer': builtIn(journalWriter, './journal-writer.ts'),
  'sqlite-transaction': builtIn(sqliteTransaction, './sqlite-transaction.ts'),
  'shared-struct': builtIn(sharedStruct, './shared-struct.ts'),
  'two-write-record': builtIn(twoWriteRecord, './two-write-record.ts'),
  'blocking-atomics-wait': builtIn(blockingAtomicsWait, './blocking-atomics-wait.ts'),
  'blocking-fifo-read': builtIn(blockingFifoRead, './blocking-fifo-read.ts'),
  'blocking-exec-sync': builtIn(blockingExecSync, './blocking-exec-sync.ts'),
  'ignores-stop': builtIn(ignoresStop, './ignores-stop.ts'),
  'grandchild-holds-stdout': builtIn(grandchildHoldsStdout, './grandchild-holds-stdout.ts'),
  'keeps-parent-handle': builtIn(keepsParentHandle, './keeps-parent-handle.ts'),
  'keeps-native-memory': builtIn(keepsNativeMemory, './keeps-native-memory.ts'),
} as const satisfies Record<string, BuiltInWorkload>;

export type BuiltInWorkloadName = keyof typeof BUILT_IN_WORKLOADS;
/** The names in report order, for listing and checking --workload values. */
export const BUILT_IN_WORKLOAD_NAMES = Object.keys(BUILT_IN_WORKLOADS) as BuiltInWorkloadName[];

// The modules are imported here only for their name and description, which stay written once, in each module.
function builtIn(workload: Workload, relativePath: string): BuiltInWorkload {
  return {
    name: workload.name,
    description: workload.description,
    criticalSections: workload.criticalSections ?? [],
    workload,
    moduleUrl: pathToFileURL(compiledEntry(relativePath, import.meta.url)).href,
  };
}

import type { EngineName } from './engine-target.ts';

/** The library a runtime's adapter starts and stops the work with on an engine, and why it is not the usual one there. */
export interface LibraryChoice {
  readonly library: string;
  /** Why the engine's own node: API is used in place of the library, measured on that engine; absent where the library works. */
  readonly because?: string;
}

/** Per engine, what the thread and the process adapters use (the runtime interface is the same either way). */
export interface EngineLibraries {
  readonly thread: LibraryChoice;
  readonly process: LibraryChoice;
}

const USUAL: EngineLibraries = { thread: { library: 'tinypool' }, process: { library: 'execa' } };

/**
 * tinypool and execa run on Node.js and Bun as they are. On Deno 2.9, a tinypool task did not start in about half of
 * the fresh pools (its worker never ran the task, so no trial could be timed); a worker_threads Worker given the same
 * task in workerData started every time, so the thread adapter uses it there, with the same forced stop, terminate().
 */
const LIBRARIES: Readonly<Record<EngineName, EngineLibraries>> = {
  node: USUAL,
  bun: USUAL,
  deno: {
    ...USUAL,
    thread: {
      library: 'node:worker_threads',
      because:
        "tinypool's task did not start in about half of the fresh pools on Deno 2.9 (the worker never ran it); a Worker given the task in workerData started every time",
    },
  },
};

export function librariesOf(name: EngineName): EngineLibraries {
  return LIBRARIES[name];
}

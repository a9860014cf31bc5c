import type { NodeRuntimeName, StartWork } from '../runtime/runtime.ts';

/**
 * Each runtime's adapter, imported only when a host needs it: a thread host never loads execa, nor a process host
 * tinypool, and a Node.js start-up that imports less is ready sooner (execa was ~45% of a thread host's start-up).
 */
const ADAPTERS: { readonly [Name in NodeRuntimeName]: () => Promise<StartWork<Name>> } = {
  thread: async () => (await import('../thread/start-thread-work.ts')).startThreadWork,
  process: async () => (await import('../process/start-process-work.ts')).startProcessWork,
};

/** The runtime's adapter; a module is imported once per process, so later calls resolve at once. */
export function loadAdapter<Name extends NodeRuntimeName>(runtime: Name): Promise<StartWork<Name>> {
  return (ADAPTERS[runtime] as () => Promise<StartWork<Name>>)();
}

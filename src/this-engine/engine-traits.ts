import { readRunningEngine } from './read-engine.ts';

/** How an engine's node:worker_threads and node:child_process differ from Node.js's where the host must make up for it. */
export interface EngineTraits {
  /**
   * A worker's postMessage and a child's process.send leave only when the sender's event loop turns: a workload that
   * calls ready() and then loops synchronously is never heard from (Deno 2.9). The work's events then also go through a file.
   */
  readonly sendsMessagesLate: boolean;
  /** It runs TypeScript modules itself (Bun, Deno): a user's workload needs no loader there, and tsx's hooks are Node.js's. */
  readonly runsTypeScript: boolean;
  /**
   * Its worker machinery keeps event descriptors (an eventfd and an epoll instance per pair) open in the process after
   * a worker ended, whatever ended it: Deno 2.9 held 2 to 6 more than before over six workers that each just returned,
   * never more, and as many after a forced GC. They are the engine's, like libuv's thread pool: the fds probe lists them
   * apart and counts them nowhere.
   */
  readonly keepsWorkerDescriptors: boolean;
}

const NODE_LIKE: EngineTraits = { sendsMessagesLate: false, runsTypeScript: false, keepsWorkerDescriptors: false };
const TRAITS: Readonly<Record<string, EngineTraits>> = {
  node: NODE_LIKE,
  bun: { ...NODE_LIKE, runsTypeScript: true },
  deno: { sendsMessagesLate: true, runsTypeScript: true, keepsWorkerDescriptors: true },
};

/** The traits of an engine by name (`node`, `bun`, `deno`). */
export function traitsOf(name: string): EngineTraits {
  return TRAITS[name] ?? NODE_LIKE;
}

/** The traits of the engine running this host. */
export function traitsOfRunningEngine(): EngineTraits {
  return traitsOf(readRunningEngine().name);
}

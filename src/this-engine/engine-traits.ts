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
}

const NODE_LIKE: EngineTraits = { sendsMessagesLate: false, runsTypeScript: false };
const TRAITS: Readonly<Record<string, EngineTraits>> = {
  node: NODE_LIKE,
  bun: { sendsMessagesLate: false, runsTypeScript: true },
  deno: { sendsMessagesLate: true, runsTypeScript: true },
};

/** The traits of the engine running this host. */
export function traitsOfRunningEngine(): EngineTraits {
  return TRAITS[readRunningEngine().name] ?? NODE_LIKE;
}

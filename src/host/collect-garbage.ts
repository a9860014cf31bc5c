import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection of the host's own heap, for --cycles: the memory read after a cycle is then what the host
 * retains, not garbage the engine had yet to collect. Bun collects through its own `Bun.gc(true)`. A V8 host (Node.js,
 * Deno) runs without --expose-gc (its flags are the user's), so the flag is set now and `gc` taken from a fresh
 * context, which is given it.
 */
export function collectGarbage(): void {
  const { Bun: bun } = globalThis as { Bun?: { gc(force: boolean): void } };
  if (bun !== undefined) return bun.gc(true);
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}

/** What the engine running this code says of itself. */
export interface RunningEngine {
  readonly name: string;
  readonly version: string;
  /** Node.js's process.versions.modules (its addon ABI); null for Bun and Deno, which report Node.js's for compatibility. */
  readonly modules: string | null;
}

/**
 * The engine this code runs on, by the globals each defines: Bun and Deno both report a Node.js version in
 * process.version (the one they are compatible with), so only their own globals say which engine and release it is.
 */
export function readRunningEngine(): RunningEngine {
  const runtime = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } };
  if (runtime.Bun !== undefined) return { name: 'bun', version: runtime.Bun.version, modules: null };
  if (runtime.Deno !== undefined) return { name: 'deno', version: runtime.Deno.version.deno, modules: null };
  return { name: process.release.name, version: process.version, modules: process.versions.modules };
}

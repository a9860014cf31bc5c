import { join } from 'node:path';
import { cacheRoot } from './engine-cache.ts';
import type { EngineName } from './engine-target.ts';

/**
 * The arguments that come before a script's path when an engine runs it: Deno runs a script with `run`, and with every
 * permission (-A), as Node.js and Bun run one; without a lock file, so that it never writes one into the user's project.
 */
const SCRIPT_ARGUMENTS: Readonly<Record<EngineName, readonly string[]>> = {
  node: [],
  bun: [],
  deno: ['run', '-A', '--no-lock'],
};

/** How an engine's binary runs one of the harness's compiled scripts: the command line before the script's own arguments. */
export function scriptCommand(name: EngineName, execPath: string, script: string): { file: string; args: string[] } {
  return { file: execPath, args: [...SCRIPT_ARGUMENTS[name], script] };
}

/**
 * What every process of an engine gets in its environment: no colours in the errors it prints (the harness reads their
 * lines), no check for updates over the network, and Deno's caches (compiled code, module analysis) in a folder of the
 * harness's cache, whose SQLite locks the lock probe knows as the engine's own (see engineOwnDirectories).
 */
export function engineEnvironment(name: EngineName): Record<string, string> {
  if (name === 'deno') return { NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_DIR: denoCacheDirectory() };
  if (name === 'bun') return { NO_COLOR: '1', DO_NOT_TRACK: '1' };
  return {};
}

/** Folders whose files an engine itself keeps open and locked while it runs: what a trial's processes hold there is not the work's. */
export function engineOwnDirectories(): string[] {
  return [denoCacheDirectory()];
}

function denoCacheDirectory(): string {
  return join(cacheRoot(), 'deno', 'deno-dir');
}

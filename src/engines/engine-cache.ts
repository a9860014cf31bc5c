import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TEMP_PREFIX } from '../marker/marker.ts';
import { readProcessStat } from '../linux-proc/process-stat.ts';

/** Overrides where the harness keeps what it installs and builds per Node.js version. */
export const CACHE_VARIABLE = 'ISOLATION_HARNESS_CACHE';

/**
 * The harness's cache: Node.js binaries from the registry and native addons built for them. It lives outside the
 * user's project (nothing to ignore in git) and survives runs, so each version is fetched and built once per machine.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[CACHE_VARIABLE];
  if (explicit !== undefined && explicit !== '') return explicit;
  const base = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'isolation-harness');
}

/**
 * A folder to unpack or build into, beside where the result will be renamed to, so that nothing half-made ever looks
 * finished. Its name carries the harness's pid: one left by a harness that was SIGKILLed is removed here, next time.
 */
export function makePartialFolder(parent: string): string {
  mkdirSync(parent, { recursive: true });
  for (const name of readdirSync(parent)) {
    const pid = Number(new RegExp(`^${TEMP_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (Number.isInteger(pid) && readProcessStat(pid) === null) rmSync(join(parent, name), { recursive: true, force: true });
  }
  return mkdtempSync(join(parent, `${TEMP_PREFIX}${process.pid}-`));
}

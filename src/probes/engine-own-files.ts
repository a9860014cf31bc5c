import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { engineOwnDirectories } from '../engines/engine-command.ts';
import { lockKeyOf } from '../linux-proc/os-locks.ts';

/**
 * The files an engine itself keeps locked while it runs (Deno's SQLite caches of compiled code and module analysis,
 * read-locked by every Deno process as it loads modules), by the key /proc/locks names them: not the work's locks,
 * whoever holds them. The report's blind spots say so.
 */
export function listEngineOwnLockKeys(): Set<string> {
  const keys = new Set<string>();
  for (const directory of engineOwnDirectories()) {
    let names: string[];
    try {
      names = readdirSync(directory);
    } catch {
      continue;
    }
    for (const name of names) {
      const key = lockKeyOf(join(directory, name));
      if (key !== null) keys.add(key);
    }
  }
  return keys;
}

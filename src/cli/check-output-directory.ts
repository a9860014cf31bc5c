import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { findPseudoFileSystem } from '../files/pseudo-file-systems.ts';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors/usage-error.ts';

/**
 * Fails before any trial runs (and before any signal handler or host) if the reports could not be written, instead
 * of after minutes of measuring: the nearest folder that exists must be a writable directory on a real file system.
 */
export function checkWritableDirectory(path: string, given: string, { ignoredByGit = false } = {}): void {
  try {
    const existing = nearestExisting(path);
    if (!statSync(existing).isDirectory()) throw new Error(`${existing} is not a directory`);
    const fileSystem = findPseudoFileSystem(existing);
    if (fileSystem !== null) throw new Error(`${existing} is on ${fileSystem}, which holds no files`);
    accessSync(existing, constants.W_OK);
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
    if (ignoredByGit) markIgnoredByGit(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--out value "${given}" is not a writable directory (${reason}); allowed: a directory the harness can create and write`, {
      cause: error,
    });
  }
}

function nearestExisting(path: string): string {
  let candidate = path;
  while (!existsSync(candidate) && dirname(candidate) !== candidate) candidate = dirname(candidate);
  return candidate;
}

/**
 * The default --out lands in the user's working tree: a .gitignore of its own keeps every run's reports out of
 * `git status` wherever it is. An explicit --out is the user's to track or not.
 */
function markIgnoredByGit(path: string): void {
  const gitignore = join(path, '.gitignore');
  if (!existsSync(gitignore)) writeFileSync(gitignore, '# Reports written by isolation-harness; pass --out to keep them somewhere tracked.\n*\n');
}

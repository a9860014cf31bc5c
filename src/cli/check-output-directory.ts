import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { UsageError } from './usage-error.ts';

/** Fails before any trial runs if the reports could not be written, instead of after minutes of measuring. */
export function checkWritableDirectory(path: string, given: string): void {
  try {
    mkdirSync(path, { recursive: true });
    if (!statSync(path).isDirectory()) throw new Error('not a directory');
    accessSync(path, constants.W_OK);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--out value "${given}" is not a writable directory (${reason}); allowed: a directory the harness can create and write`, { cause: error });
  }
}

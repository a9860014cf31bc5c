import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { findPseudoFileSystem } from '../files/pseudo-file-systems.ts';
import { dirname, resolve } from 'node:path';
import { nameStagedFile, writeDurably } from '../files/write-staged.ts';
import type { Baseline } from './baseline.ts';
import { BaselineError } from './baseline-error.ts';

/** Fails before any trial runs if the baseline could not be written, instead of after minutes of measuring. */
export function checkBaselineTarget(path: string): void {
  const directory = dirname(resolve(path));
  try {
    if (!statSync(directory).isDirectory()) throw new Error('not a directory');
    const fileSystem = findPseudoFileSystem(directory);
    if (fileSystem !== null) throw new Error(`${directory} is on ${fileSystem}, which holds no files`);
    accessSync(directory, constants.W_OK);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) throw new Error('the path is a directory');
    // Proof by doing, as root too (whom access(2) lets write a read-only mount's folder): the staged file the write will use.
    const probe = nameStagedFile(path);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new BaselineError(describeUnwritable(path, error), { cause: error });
  }
}

/** Writes the baseline whole or not at all: a CI job killed mid-write must not leave a truncated file to check against. */
export function writeBaseline(baseline: Baseline, path: string): string {
  const stagedPath = nameStagedFile(path);
  try {
    writeDurably(stagedPath, `${JSON.stringify(baseline, null, 2)}\n`);
    renameSync(stagedPath, path);
    return path;
  } catch (error) {
    rmSync(stagedPath, { force: true });
    throw new BaselineError(describeUnwritable(path, error), { cause: error });
  }
}

function describeUnwritable(path: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `--update-baseline file "${path}" cannot be written (${reason}); allowed: a file path in an existing, writable directory`;
}

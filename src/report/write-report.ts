import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nameStagedFile, writeDurably } from '../files/write-staged.ts';
import type { RunRecord } from '../record/run-record.ts';
import { analyze } from '../analysis/analyze.ts';
import { RENDERERS } from './renderers.ts';
import { ReportWriteError } from './report-write-error.ts';

interface RenderedFile {
  readonly path: string;
  readonly text: string;
}

interface StagedFile {
  readonly path: string;
  /** A temporary name beside the final one, so the rename stays within one file system and is atomic. */
  readonly stagedPath: string;
}

/**
 * Writes every report format into outDir and returns the paths written. Everything is rendered before
 * anything is written, and each file appears whole by rename, so a failure never leaves a half-written result file.
 */
export function writeReports(record: RunRecord, outDir: string): string[] {
  const analysis = analyze(record);
  const files: RenderedFile[] = Object.values(RENDERERS).map((renderer) => ({
    path: join(outDir, renderer.fileName),
    text: renderer.render(record, analysis),
  }));
  const staged: StagedFile[] = [];
  try {
    mkdirSync(outDir, { recursive: true });
    for (const file of files) {
      const stagedFile = { path: file.path, stagedPath: nameStagedFile(file.path) };
      staged.push(stagedFile);
      writeDurably(stagedFile.stagedPath, file.text);
    }
    for (const file of staged) renameSync(file.stagedPath, file.path);
    return files.map((file) => file.path);
  } catch (error) {
    for (const file of staged) removeQuietly(file.stagedPath);
    throw new ReportWriteError(outDir, error);
  }
}

/** Cleanup after a failure must not hide the error that caused it; a file already renamed is simply gone. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The write error is what the user needs; an unremovable staged file changes nothing about it.
  }
}

import { TEMP_PREFIX } from '../marker/marker.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOwner } from '../marker/run-owner.ts';

export interface TrialDirectory {
  /** Holds the two folders below; removed whole after the trial. */
  readonly root: string;
  /** The workload's private directory and TMPDIR: what the temp-files probe inspects. */
  readonly workDir: string;
  /** Data the workload keeps on purpose and its verify() reads: outside workDir, so it is never a leftover. */
  readonly dataDir: string;
  /** The harness's own files for the trial (stop flag, cleanup log), out of the workload's sight. */
  readonly controlDir: string;
  readonly cleanupLog: string;
  readonly acknowledgementLog: string;
  readonly sectionLog: string;
}

/** Names the harness process that owns a run folder, and the run: how the next run tells a dead run's folder. */
export const OWNER_FILE = 'owner';

/** A run's folder in the temp directory, with its owner file written at once, so that no run folder is ever without one. */
export function createRunDirectory(runId: string): string {
  const directory = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${runId}-`));
  writeFileSync(join(directory, OWNER_FILE), `${describeOwner()}\n${runId}\n`);
  return directory;
}

export function createTrialDirectory(runDirectory: string, trialId: string): TrialDirectory {
  const root = join(runDirectory, trialId);
  const workDir = join(root, 'work');
  const controlDir = join(root, 'control');
  const dataDir = join(root, 'data');
  // Not recursive: once the run's folder is gone (the run is ending), a late trial must fail, not re-create it ownerless.
  for (const directory of [root, workDir, dataDir, controlDir]) mkdirSync(directory);
  return {
    root,
    workDir,
    dataDir,
    controlDir,
    cleanupLog: join(controlDir, 'cleanup.log'),
    acknowledgementLog: join(controlDir, 'acknowledged.log'),
    sectionLog: join(controlDir, 'sections.log'),
  };
}

/** removeDirectory on libuv's thread pool: the caller's event loop goes on with other lanes' trials meanwhile. */
export async function removeDirectoryInBackground(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true, maxRetries: 3 });
}

export function removeDirectory(path: string): void {
  rmSync(path, { recursive: true, force: true, maxRetries: 3 });
}

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARKER_VARIABLE } from '../marker/marker.ts';
import { listPids, readEnvironmentVariable } from '../marker/proc.ts';
import { reapMarkedProcesses } from '../marker/reap.ts';
import { removeDirectory, TEMP_PREFIX } from '../trial/trial-directory.ts';
import { describeOwner, OWNER_VARIABLE, ownerAlive } from './run-owner.ts';

/** The file in each run directory naming the harness process that owns it. */
const OWNER_FILE = 'owner';

/** What an earlier, killed run had left and this start removed. */
export interface DeadRunCleanup {
  readonly processes: number;
  readonly directories: number;
}

export function claimRunDirectory(runDirectory: string): void {
  writeFileSync(join(runDirectory, OWNER_FILE), describeOwner());
}

/**
 * Finds what runs whose harness died (SIGKILL, a crash) left behind, by marker and owner: their processes are
 * SIGKILLed (each re-checked for its marker just before) and their folders in the temp directory removed. A
 * process or folder whose owner still lives belongs to a running harness and is never touched.
 */
export async function cleanDeadRuns(): Promise<DeadRunCleanup> {
  let processes = 0;
  for (const trialId of findOrphanedTrials()) processes += await reapMarkedProcesses(trialId);
  let directories = 0;
  for (const directory of findDeadRunDirectories()) {
    removeDirectory(directory);
    directories += 1;
  }
  return { processes, directories };
}

function findOrphanedTrials(): Set<string> {
  const trials = new Set<string>();
  for (const pid of listPids()) {
    const trialId = readEnvironmentVariable(pid, MARKER_VARIABLE);
    const owner = readEnvironmentVariable(pid, OWNER_VARIABLE);
    if (trialId !== null && owner !== null && !ownerAlive(owner)) trials.add(trialId);
  }
  return trials;
}

function findDeadRunDirectories(): string[] {
  const temp = tmpdir();
  return readdirSync(temp)
    .filter((name) => name.startsWith(TEMP_PREFIX))
    .map((name) => join(temp, name))
    .filter((directory) => {
      const ownerFile = join(directory, OWNER_FILE);
      return existsSync(ownerFile) && !ownerAlive(readFileSync(ownerFile, 'utf8'));
    });
}

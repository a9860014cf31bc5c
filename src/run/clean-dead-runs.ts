import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARKER_VARIABLE, TEMP_PREFIX } from '../marker/marker.ts';
import { readEnvironmentVariable } from '../linux-proc/process-environment.ts';
import { listPids } from '../linux-proc/process-stat.ts';
import { createProcessFamily, type ProcessFamily, type SeenProcess } from '../process-family/process-family.ts';
import { removeDeadRunCgroups } from '../process-family/containment.ts';
import { reapFamily, reapMarker } from '../process-family/reap-family.ts';
import { OWNER_FILE, removeDirectory } from '../trial/trial-directory.ts';
import { OWNER_VARIABLE, ownerAlive, PROCESS_JOURNAL } from '../marker/run-owner.ts';

/** What an earlier, killed run had left and this start removed. */
export interface DeadRunCleanup {
  readonly processes: number;
  readonly directories: number;
}

/**
 * Finds what runs whose harness died (SIGKILL, a crash) left behind and removes it. A dead run's folder names its
 * run and journals every process the run found, the ones without a marker included: each is SIGKILLed if its pid
 * still has the journaled start time, with whatever descends from it, carries the run's marker or sits in its
 * groups. Processes of a dead owner whose folder is gone are found by marker, and the cgroups of its hosts are
 * emptied and removed. A process, folder or cgroup whose owner still lives belongs to a running harness and is never
 * touched.
 */
export async function cleanDeadRuns(): Promise<DeadRunCleanup> {
  let processes = 0;
  let directories = 0;
  for (const directory of findDeadRunDirectories()) {
    const family = readJournaledFamily(directory);
    if (family !== null) processes += await reapFamily(family);
    removeDirectory(directory);
    directories += 1;
  }
  for (const marker of findOrphanedMarkers()) processes += await reapMarker(marker);
  processes += await removeDeadRunCgroups();
  return { processes, directories };
}

function findDeadRunDirectories(): string[] {
  const temp = tmpdir();
  return readdirSync(temp)
    .filter((name) => name.startsWith(TEMP_PREFIX))
    .map((name) => join(temp, name))
    .filter((directory) => {
      const ownerFile = join(directory, OWNER_FILE);
      return existsSync(ownerFile) && !ownerAlive(readFirstLine(ownerFile));
    });
}

/** The dead run's family, its journaled processes recorded by identity; null for a folder that names no run. */
function readJournaledFamily(directory: string): ProcessFamily | null {
  const runId = readFileSync(join(directory, OWNER_FILE), 'utf8').split('\n')[1]?.trim();
  if (runId === undefined || runId === '') return null;
  const family = createProcessFamily({ marker: runId });
  for (const line of readLines(join(directory, PROCESS_JOURNAL))) {
    const process = parseJournalLine(line);
    if (process !== null) family.record(process, 'ancestry');
  }
  return family;
}

function findOrphanedMarkers(): Set<string> {
  const markers = new Set<string>();
  for (const pid of listPids()) {
    const marker = readEnvironmentVariable(pid, MARKER_VARIABLE);
    const owner = readEnvironmentVariable(pid, OWNER_VARIABLE);
    if (marker !== null && owner !== null && !ownerAlive(owner)) markers.add(marker);
  }
  return markers;
}

/** One journaled process; null for a line a crash cut short. */
function parseJournalLine(line: string): SeenProcess | null {
  try {
    const { pid, startTime, command }: Partial<SeenProcess> = JSON.parse(line);
    return Number.isSafeInteger(pid) && Number.isSafeInteger(startTime) && typeof command === 'string'
      ? { pid: pid as number, startTime: startTime as number, command }
      : null;
  } catch {
    return null;
  }
}

function readFirstLine(path: string): string {
  return readFileSync(path, 'utf8').split('\n')[0] ?? '';
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

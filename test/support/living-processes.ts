import { readdirSync } from 'node:fs';
import { findCgroupParent } from '../../src/process-family/containment.ts';
import { TEMP_PREFIX } from '../../src/marker/marker.ts';
import { createProcessFamily } from '../../src/process-family/process-family.ts';
import { type FamilyScan, scanFamily } from '../../src/process-family/scan-family.ts';

/**
 * The living processes of a run or a trial, found as the harness finds them when it has nothing recorded: by the
 * marker, and whatever descends from a process carrying it or sits in a group or session one leads. Zombies are dead
 * and not listed; this process never is.
 */
export function findLivingProcessesOf(runOrTrialId: string): FamilyScan['living'] {
  return scanFamily(createProcessFamily({ marker: runOrTrialId })).living;
}

/** The cgroups the run's hosts were given (named for the harness and the host's marker), where the machine allows them. */
export function listCgroupsOf(runId: string): string[] {
  const parent = findCgroupParent();
  if (parent === null) return [];
  return readdirSync(parent).filter((entry) => entry.startsWith(TEMP_PREFIX) && entry.includes(`-${runId}-`));
}

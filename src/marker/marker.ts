import { randomBytes } from 'node:crypto';

/** Every process the harness starts carries this variable; descendants inherit it, so survivors can be found. */
export const MARKER_VARIABLE = 'ISOLATION_HARNESS_TRIAL';

/** Every temp folder of the harness starts with this, so anything it left can be found. */
export const TEMP_PREFIX = 'isolation-harness-';

/** A run id short enough for paths and unique enough that two runs on one machine never share one. */
export function createRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function createTrialId(runId: string, trialNumber: number): string {
  return `${runId}-${trialNumber}`;
}

/** True when a marker value belongs to the run or trial given (trial ids extend their run id). */
export function markerBelongsTo(markerValue: string, runOrTrialId: string): boolean {
  return markerValue === runOrTrialId || markerValue.startsWith(`${runOrTrialId}-`);
}

/**
 * The marker this process was started with: the trial whose processes its own kills may touch. Without one it
 * cannot tell its trial's processes from anyone else's, so it refuses to signal rather than guess.
 */
export function readOwnMarker(environment: NodeJS.ProcessEnv = process.env): string {
  const marker = environment[MARKER_VARIABLE];
  if (marker === undefined || marker === '') {
    throw new Error(`this process carries no ${MARKER_VARIABLE}, so it cannot confirm that a pid belongs to its trial; it sends no signal`);
  }
  return marker;
}

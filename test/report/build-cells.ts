import type { KillStyleName } from '../../src/kill-styles/kill-styles.ts';
import type { Leftovers } from '../../src/probes/probes.ts';
import type { RunRecord } from '../../src/record/run-record.ts';
import type { RuntimeName } from '../../src/runtime/runtime.ts';
import type { ErroredTrial, HungTrial, StoppedTrial, TrialResult } from '../../src/record/trial-result.ts';
import { buildLeftovers } from './build-leftovers.ts';
import { buildErrored, buildHung, buildRecord, buildStopped } from './build-record.ts';

// Whole cells for the tradeoff rules and claims: `cell('lock-holder', 'terminate', 'thread', 3, leaving({ ... }))`.

/** A cell's trials, numbered from 1, each built from the same overrides. */
export function cell(workload: string, kill: KillStyleName, runtime: RuntimeName, trials: number, trial: Partial<StoppedTrial> = {}): StoppedTrial[] {
  const sharedMutex = runtime === 'process' ? null : 'free';
  return Array.from({ length: trials }, (_, index) => buildStopped({ workload, kill, runtime, trial: index + 1, sharedMutex, ...trial }));
}

/** Trials of a cell that did not end within the stop timeout. */
export function hungCell(workload: string, kill: KillStyleName, runtime: RuntimeName, trials: number, trial: Partial<HungTrial> = {}): HungTrial[] {
  return Array.from({ length: trials }, (_, index) => buildHung({ workload, kill, runtime, trial: index + 1, sharedMutex: null, cleanupRan: false, ...trial }));
}

export function erroredCell(workload: string, kill: KillStyleName, runtime: RuntimeName, trials: number): ErroredTrial[] {
  return Array.from({ length: trials }, (_, index) => buildErrored({ workload, kill, runtime, trial: index + 1 }));
}

/** A trial that left what the probes found; cleanup did not run. */
export function leaving(found: Partial<Leftovers>, trial: Partial<StoppedTrial> = {}): Partial<StoppedTrial> {
  return { outcome: 'leaked', leftovers: buildLeftovers(found), cleanupRan: false, cleanupSteps: [], ...trial };
}

/** A trial whose cleanup did not run and that left nothing. */
export const WITHOUT_CLEANUP: Partial<StoppedTrial> = { cleanupRan: false, cleanupSteps: [] };

/** A record of the given trials, with the plan naming the workloads they ran. */
export function recordOf(...cells: TrialResult[][]): RunRecord {
  const results = cells.flat();
  const names = [...new Set(results.map((result) => result.workload))];
  const base = buildRecord([]);
  return buildRecord(results, {
    plan: { ...base.plan, workloads: names.map((name) => ({ name, description: name, source: 'built-in', criticalSections: [] })) },
  });
}

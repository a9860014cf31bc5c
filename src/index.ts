// The public surface: what a user needs to write a workload and read results.
export { defineWorkload, type Workload, type WorkloadContext } from './workload/define-workload.ts';
export type { RunRecord, RunPlan, Environment, Segment, WorkloadEntry } from './record/run-record.ts';
export type { TrialResult, TrialOutcome, TrialKey, TrialExit } from './record/trial-result.ts';
export type { Leftovers } from './probes/probes.ts';

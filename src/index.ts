// The public surface: what a user needs to write a workload and to read the results (results.json, a baseline file).
// Nothing else is exported, and the declarations these reach name no Node.js type: they check in a project without
// @types/node (test/package/pack-and-install.test.ts).
export { defineWorkload, type IntegrityCheck, type Workload, type WorkloadContext } from './workload/define-workload.ts';
export type { SharedMutex } from './workload/shared-mutex.ts';
export type { RunRecord, RunPlan, Environment, Segment, Shard, WorkloadEntry, KillPointMode } from './record/run-record.ts';
export type {
  TrialResult,
  TrialOutcome,
  TrialKey,
  TrialExit,
  StoppedTrial,
  HungTrial,
  ErroredTrial,
  NotApplicableTrial,
  KillPoint,
  HeldAtReady,
  WorkActivity,
  SharedMemoryCheck,
  CycleReading,
} from './record/trial-result.ts';
export type { ParentExit, ParentHold } from './record/parent-exit.ts';
export type { Leftovers } from './probes/probes.ts';
export type { KillStyleName } from './kill-styles/kill-styles.ts';
export type { RuntimeName } from './runtime/runtime.ts';
export type { Baseline, BaselineCell } from './baseline/baseline.ts';

import type { ProcessDiscovery } from '../process-family/describe-discovery.ts';
import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import type { EngineEntry } from '../engines/engine-target.ts';
import type { PythonEnvironment } from '../python-host/python-environment.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { TrialResult } from './trial-result.ts';

/** Where kills land: `delay` a seeded delay after ready(), `section` inside a critical section the workload names, `auto` the latter where the workload names any. */
export const KILL_POINT_MODES = ['auto', 'delay', 'section'] as const;
export type KillPointMode = (typeof KILL_POINT_MODES)[number];

/** One deterministic share of the cells, for a CI matrix: `index` of `count`, 1-based. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** A workload as the run used it: built in, or a user's module given by path. */
export interface WorkloadEntry {
  readonly name: string;
  readonly description: string;
  /** "built-in", or the path the user passed to --workload. */
  readonly source: string;
  /** The critical sections the workload marks, where a targeted kill can land. */
  readonly criticalSections: readonly string[];
  /** Why the workload could not run on this machine; all its cells are not applicable. */
  readonly unavailable?: string;
  /** false for a workload whose code never sees the cooperative stop request (a pool's task function). */
  readonly receivesStopRequest?: boolean;
  /** false for a workload that never reads the harness's commands, so that `crash` and `exit` cannot be injected into it. */
  readonly readsCommands?: boolean;
  /** false when whether cleanup ran cannot be observed: results say "not measured". */
  readonly reportsCleanup?: boolean;
  /** Set for a job file given with --task: `source` is its path (and #export), `data` the payload it was called with. */
  readonly task?: { readonly data?: unknown };
  /**
   * The workload's Python module, for the py- runtimes: a built-in of python/workloads/ of the same name, or a .py path
   * given to --workload. Its traits are its own; absent when the workload has none (its Python cells are not applicable).
   */
  readonly python?: PythonWorkloadEntry;
  /** Why the Node.js runtimes cannot run it: it is a Python module only. */
  readonly noNodeModule?: string;
}

/** A workload's Python module as the plan keeps it: the same traits as a Node.js module's, read by `host.py describe`. */
export interface PythonWorkloadEntry {
  readonly description: string;
  /** "built-in", or the .py path given to --workload. */
  readonly source: string;
  readonly criticalSections: readonly string[];
  readonly unavailable?: string;
  readonly readsCommands?: boolean;
  readonly receivesStopRequest?: boolean;
  readonly reportsCleanup?: boolean;
}

/** What the run was asked to do. */
export interface RunPlan {
  readonly runtimes: RuntimeName[];
  readonly kills: KillStyleName[];
  readonly workloads: WorkloadEntry[];
  readonly trials: number;
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly graceMs: number;
  readonly deadlineMs: number;
  /** Seeds every random choice of the run (kill delays, sections): the same seed gives the same kill points. */
  readonly seed: number;
  readonly killPoint: KillPointMode;
  /** Kill delays are drawn from 0 to this many milliseconds after ready(). */
  readonly killDelayMaxMs: number;
  /** The heap cap of each worker (resourceLimits) and child (--max-old-space-size). */
  readonly memoryLimitMb: number;
  /** How long after the kill what a stop left was watched, to tell what went away by itself from what stayed (--linger). Absent in older records. */
  readonly lingerMs?: number;
  /**
   * --cycles: each cell's trials (`trials` of them) ran one after another as start-stop cycles in one host, kept across
   * them whatever each left, with the host's memory read after each (each result's `cycle`). Absent without --cycles.
   */
  readonly cycles?: number;
  /** How many trials (hosts) ran at once. */
  readonly concurrency: number;
  /** The share of the cells this run covered; null for all of them. */
  readonly shard: Shard | null;
  /**
   * The engines the hosts ran on (--engine, or --node for Node.js versions), each a dimension of the matrix: every
   * result carries its engine as `engine`. Absent when the hosts ran on the harness's own Node.js, as `environment.node` says.
   */
  readonly engines?: readonly EngineEntry[];
  /** The Python the py- runtimes ran on, or why there was none; absent when the run had no py- runtime. */
  readonly python?: PythonEnvironment;
}

/** The machine and software a run measured; every field is read at run time. */
export interface Environment {
  readonly node: string;
  readonly os: string;
  readonly kernel: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryBytes: number;
  /** Installed versions of the packages whose behaviour is measured (tinypool, execa, tree-kill, tmp). */
  readonly packages: Record<string, string>;
  /** How the trials' processes were found on this machine: a cgroup per host, or only by ancestry, marker and session. */
  readonly processDiscovery: ProcessDiscovery;
}

/**
 * One stretch of work that appended results: a run, each resumption of an interrupted one, or a shard that `merge`
 * combined. Segments may have run on different machines or code, which is why each keeps its own.
 */
export interface Segment {
  /** `shard` when the segment ran one share of the cells (--shard), `segment` when it ran the whole plan or a part of it before or after an interruption. */
  readonly kind: 'shard' | 'segment';
  /** The share of the cells the segment's run covered; null for all of them. */
  readonly shard: Shard | null;
  /** When the segment started appending results (ISO 8601). */
  readonly startedAt: string;
  /** When its last trial finished; for a segment that was interrupted, when its last result was journaled (its start when it journaled none). */
  readonly finishedAt: string;
  /** Digest of the harness's code that ran the segment (see src/record/source-digest.ts). */
  readonly sourceDigest: string;
  /** How many trials the segment ran at once. */
  readonly concurrency: number;
  /** The machine and packages the segment ran on, read when it started. */
  readonly environment: Environment;
  /** How many of the record's results the segment produced. */
  readonly resultCount: number;
}

/** Everything a report is rendered from: the plan, the environment and every trial's result. */
export interface RunRecord {
  readonly harnessVersion: string;
  /** The first segment's digest of the harness's code; each segment's is in `provenance`. */
  readonly sourceDigest: string;
  /** The command that reproduces this run. */
  readonly command: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** `concurrency` is the first segment's. */
  readonly plan: RunPlan;
  /** The first segment's machine; each segment's is in `provenance`. */
  readonly environment: Environment;
  /** The segments that produced the results: one for a plain run, one per shard of a merge, one per start of a resumed run. */
  readonly provenance: readonly Segment[];
  readonly results: TrialResult[];
  /** Set when the run ended early (interrupted): the results are those of the trials that completed. */
  readonly incomplete: { readonly reason: string; readonly plannedResults: number } | null;
}

import type { EngineEntry } from '../engines/engine-target.ts';
import type { Judged } from '../verdicts/judge-run.ts';
import type { BlindSpots } from './blind-spots.ts';
import type { RaisedDeadline } from './raised-deadlines.ts';
import type { SegmentDifferences } from './compare-segments.ts';
import type { Recommendation } from './recommend.ts';
import type { StopChart } from './stop-chart.ts';
import type { CellSummary } from './summarize-cell.ts';
import type { CycleMemory } from './summarize-cycles.ts';
import type { RuntimeSummary } from './summarize-runtimes.ts';
import type { ThreadOrProcess } from './thread-or-process.ts';
import type { EngineChanges } from './engine-changes.ts';

/** A kill style in a runtime with its workloads pooled into one cell (workload `*`), and how many workloads it ran. */
export interface StyleSummary extends CellSummary {
  readonly workloads: number;
}

/** Everything judged of the run as one engine saw it (the whole run without --engine). */
export interface AnalysisView {
  /** null for a run without --engine, whose hosts ran on the harness's own Node.js. */
  readonly engine: EngineEntry | null;
  /** Every cell (workload, kill style, runtime), in the order its first trial ran. */
  readonly cells: readonly CellSummary[];
  /** Every kill style in every runtime, its workloads pooled. */
  readonly styles: readonly StyleSummary[];
  /** Each runtime's spawn, memory and stop figures, pooled over the run. */
  readonly runtimes: readonly RuntimeSummary[];
  readonly stopChart: StopChart;
  readonly threadOrProcess: ThreadOrProcess;
  /** Every rule of src/verdicts/rules.ts, per language the run's runtimes speak, with the figures behind its verdict. */
  readonly verdicts: readonly Judged[];
  /** The stop to use per workload and runtime, the user's own workloads first. */
  readonly recommendations: readonly Recommendation[];
  /** Each cell run as cycles in one host (--cycles): the host's memory after each cycle and its growth per cycle; none without. */
  readonly cycleMemory: readonly CycleMemory[];
}

/** The whole judgement of a run, computed once by analyze(): the report's renderers only format it. */
export interface Analysis {
  /** One view per engine of the run, in --engine's order; one view without --engine. */
  readonly views: readonly AnalysisView[];
  /** Every view's recommendations in one list, the user's own workloads first. */
  readonly recommendations: readonly Recommendation[];
  /** What changed between the engines (Node.js versions, Bun, Deno); null for a run on one. */
  readonly engineChanges: EngineChanges | null;
  /** Where the segments that produced the results differ (machine, code, concurrency). */
  readonly segments: SegmentDifferences;
  /** What the probes could not see: unattributed files, and hosts that could not contain their trials. */
  readonly blindSpots: BlindSpots;
  /** `timeout` cells whose deadline rose past `--deadline` because their work took longer to become ready. */
  readonly raisedDeadlines: readonly RaisedDeadline[];
}

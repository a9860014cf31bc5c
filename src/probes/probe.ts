/** The processes and directory one trial's probes look at. */
export interface ProbeTarget {
  readonly trialId: string;
  readonly hostPid: number;
  /** The child running the workload (process runtime), once known. */
  readonly childPid: number | null;
  readonly workDir: string;
}

/** Every leftover names how many things were left; the rest is detail for the report. */
export interface Leftover {
  readonly total: number;
}

/**
 * A probe takes a snapshot before and after a trial and reports what the trial left behind.
 * A snapshot of null means the probe could not measure; the difference is then "not measured", never 0.
 */
export interface Probe<Snapshot, Found extends Leftover> {
  readonly name: string;
  snapshot(target: ProbeTarget): Snapshot | null;
  diff(before: Snapshot, after: Snapshot): Found;
}

/** Runs the difference only when both snapshots exist. */
export function compareSnapshots<Snapshot, Found extends Leftover>(
  probe: Probe<Snapshot, Found>,
  before: Snapshot | null,
  after: Snapshot | null,
): Found | null {
  return before === null || after === null ? null : probe.diff(before, after);
}

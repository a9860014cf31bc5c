import type { ProcessFamily } from '../process-family/process-family.ts';
import type { DescriptorTable } from '../linux-proc/descriptor-table.ts';
import type { FamilyScan } from '../process-family/scan-family.ts';
import type { TrialWindow } from './trial-window.ts';

/**
 * What several probes read from /proc at one moment, read at most once for all of them: scanning every process
 * is most of a snapshot's cost, and the processes, temp-files, sockets and locks probes each need the trial's processes.
 */
export interface MomentReads {
  trialProcesses(): FamilyScan;
  descriptorTable(pid: number): DescriptorTable | null;
}

/** The processes and directory one trial's probes look at. */
export interface ProbeTarget {
  readonly trialId: string;
  readonly hostPid: number;
  /** The child running the workload (process runtime), once known. */
  readonly childPid: number | null;
  readonly workDir: string;
  /** The trial's processes, recorded by identity as they are found, its host the root. */
  readonly family: ProcessFamily;
  /** When the trial's work ran, to tell files it created from older ones, and which other trials ran beside it. */
  readonly window: TrialWindow;
  /** Outside files a process of the trial was seen holding open, gathered at every snapshot and at the kill. */
  readonly heldFiles: Set<string>;
  /** The engine the host runs on (`node`, `bun`, `deno`), for what the engine itself keeps open; absent: Node.js. */
  readonly hostEngine?: string;
  /** Reads of /proc the probes of one snapshot share (takeSnapshots makes them); a probe given none reads for itself. */
  readonly reads?: MomentReads;
}

/** Every leftover names how many things were left; the rest is detail for the report. */
export interface Leftover {
  readonly total: number;
}

/**
 * A probe takes a snapshot at up to three moments of a trial: before (the host idle), at ready (the workload
 * called ready(), the kill not yet applied) and after (the work stopped), and reports what the trial left behind.
 * A snapshot of null means the probe could not measure; the difference is then "not measured", never 0.
 */
export interface Probe<Snapshot, Found extends Leftover> {
  readonly name: string;
  snapshot(target: ProbeTarget): Snapshot | null;
  /**
   * `atReady` comes last so that probes which do not need it can leave it out; it is null when the work never
   * became ready or the probe could not read then. A probe that must check something live right after the stop
   * (can a port be bound again?) returns a promise.
   */
  diff(before: Snapshot, after: Snapshot, atReady: Snapshot | null): Found | Promise<Found>;
}

/** Runs the difference only when the before and after snapshots exist; the at-ready one is optional detail. */
export async function compareSnapshots<Snapshot, Found extends Leftover>(
  probe: Probe<Snapshot, Found>,
  before: Snapshot | null,
  atReady: Snapshot | null,
  after: Snapshot | null,
): Promise<Found | null> {
  return before === null || after === null ? null : probe.diff(before, after, atReady);
}

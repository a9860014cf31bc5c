import { fdsProbe } from './fds.ts';
import { locksProbe } from './locks.ts';
import { memoryProbe } from './memory.ts';
import { createMomentReads } from './moment-reads.ts';
import type { ScanOptions } from '../process-family/scan-family.ts';
import { compareSnapshots, type ProbeTarget } from './probe.ts';
import { processesProbe } from './processes.ts';
import { socketsProbe } from './sockets.ts';
import { tempFilesProbe } from './temp-files.ts';

/** The probes of every trial, keyed as the results file names them. */
const PROBES = {
  fds: fdsProbe,
  tempFiles: tempFilesProbe,
  processes: processesProbe,
  memory: memoryProbe,
  sockets: socketsProbe,
  locks: locksProbe,
};

type Probes = typeof PROBES;
type ProbeName = keyof Probes;
type SnapshotOf<Name extends ProbeName> = ReturnType<Probes[Name]['snapshot']>;
type LeftoverOf<Name extends ProbeName> = Awaited<ReturnType<Probes[Name]['diff']>>;

export type Snapshots = { [Name in ProbeName]: SnapshotOf<Name> };
/** What a trial left behind, per probe; null where the probe could not measure. */
export type Leftovers = { [Name in ProbeName]: LeftoverOf<Name> | null };

/**
 * Every probe's snapshot of the trial at one moment: before, at ready, or after the stop. The trial's processes are
 * found by a walk of its tree where its host is their subreaper; `scan.whole` reads every process of the machine as
 * well, once after the stop, for a process outside the tree that carries the trial's marker.
 */
export function takeSnapshots(probeTarget: ProbeTarget, scan: ScanOptions = {}): Snapshots {
  const target: ProbeTarget = { ...probeTarget, reads: createMomentReads(probeTarget, scan) };
  return {
    fds: fdsProbe.snapshot(target),
    tempFiles: tempFilesProbe.snapshot(target),
    processes: processesProbe.snapshot(target),
    memory: memoryProbe.snapshot(target),
    sockets: socketsProbe.snapshot(target),
    locks: locksProbe.snapshot(target),
  };
}

/**
 * Compares the three moments probe by probe; `atReady` is null when the work never became ready. Call it right
 * after the after snapshot: the sockets probe checks then whether the trial's ports can be bound again.
 */
export async function compareAll(before: Snapshots, atReady: Snapshots | null, after: Snapshots): Promise<Leftovers> {
  return {
    fds: await compareSnapshots(fdsProbe, before.fds, atReady?.fds ?? null, after.fds),
    tempFiles: await compareSnapshots(tempFilesProbe, before.tempFiles, atReady?.tempFiles ?? null, after.tempFiles),
    processes: await compareSnapshots(processesProbe, before.processes, atReady?.processes ?? null, after.processes),
    memory: await compareSnapshots(memoryProbe, before.memory, atReady?.memory ?? null, after.memory),
    sockets: await compareSnapshots(socketsProbe, before.sockets, atReady?.sockets ?? null, after.sockets),
    locks: await compareSnapshots(locksProbe, before.locks, atReady?.locks ?? null, after.locks),
  };
}

export const PROBE_NAMES = Object.keys(PROBES) as ProbeName[];

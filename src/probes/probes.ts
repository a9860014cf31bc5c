import { fdsProbe } from './fds.ts';
import { compareSnapshots, type ProbeTarget } from './probe.ts';
import { processesProbe } from './processes.ts';
import { tempFilesProbe } from './temp-files.ts';

/** The probes of every trial, keyed as the results file names them. */
const PROBES = { fds: fdsProbe, tempFiles: tempFilesProbe, processes: processesProbe };

type Probes = typeof PROBES;
type ProbeName = keyof Probes;
type SnapshotOf<Name extends ProbeName> = ReturnType<Probes[Name]['snapshot']>;
type LeftoverOf<Name extends ProbeName> = ReturnType<Probes[Name]['diff']>;

export type Snapshots = { [Name in ProbeName]: SnapshotOf<Name> };
/** What a trial left behind, per probe; null where the probe could not measure. */
export type Leftovers = { [Name in ProbeName]: LeftoverOf<Name> | null };

export function takeSnapshots(target: ProbeTarget): Snapshots {
  return {
    fds: fdsProbe.snapshot(target),
    tempFiles: tempFilesProbe.snapshot(target),
    processes: processesProbe.snapshot(target),
  };
}

export function compareAll(before: Snapshots, after: Snapshots): Leftovers {
  return {
    fds: compareSnapshots(fdsProbe, before.fds, after.fds),
    tempFiles: compareSnapshots(tempFilesProbe, before.tempFiles, after.tempFiles),
    processes: compareSnapshots(processesProbe, before.processes, after.processes),
  };
}

export const PROBE_NAMES = Object.keys(PROBES) as ProbeName[];

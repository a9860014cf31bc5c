import type { RunRecord } from '../record/run-record.ts';

/** What this run found but could not attribute: new entries of the shared temp locations that no trial held. */
export interface Unattributed {
  /** Trials that saw any. */
  readonly trials: number;
  /** Every such path listed, without repeats, in the order first seen. */
  readonly paths: readonly string[];
  /** How many entries the trials counted in all, listed or not (a busy machine's other programs can make many). */
  readonly count: number;
}

/** How the run's hosts contained their trials' processes, over the trials that had a host. */
export interface ContainmentTally {
  readonly trials: number;
  /** Trials whose host had a cgroup of its own. */
  readonly cgroup: number;
  /** Trials whose host was their child subreaper. */
  readonly subreaper: number;
  /** Trials whose host had neither: a double-forked, setsid, environment-less daemon could escape them. */
  readonly neither: number;
}

/** What the probes of the run could not see, as data: the report's Blind spots section formats it. */
export interface BlindSpots {
  readonly unattributed: Unattributed;
  readonly containment: ContainmentTally;
}

export function findBlindSpots(record: RunRecord): BlindSpots {
  return { unattributed: findUnattributed(record), containment: tallyContainment(record) };
}

function findUnattributed(record: RunRecord): Unattributed {
  const found = record.results.flatMap((result) => {
    const tempFiles = 'leftovers' in result ? result.leftovers.tempFiles : null;
    const count = tempFiles?.unattributedCount ?? tempFiles?.unattributed.length ?? 0;
    return tempFiles === null || count === 0 ? [] : [{ paths: tempFiles.unattributed, count }];
  });
  return { trials: found.length, paths: [...new Set(found.flatMap((trial) => trial.paths))], count: found.reduce((sum, trial) => sum + trial.count, 0) };
}

function tallyContainment(record: RunRecord): ContainmentTally {
  const held = record.results.flatMap((result) => ('containment' in result && result.containment !== undefined ? [result.containment] : []));
  return {
    trials: held.length,
    cgroup: held.filter((containment) => containment.cgroup).length,
    subreaper: held.filter((containment) => containment.subreaper).length,
    neither: held.filter((containment) => !containment.cgroup && !containment.subreaper).length,
  };
}

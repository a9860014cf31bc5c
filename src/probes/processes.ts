import type { WayFound } from '../process-family/process-family.ts';
import { readsOf, trialPidsOf } from './moment-reads.ts';
import type { Leftover, Probe } from './probe.ts';

export interface Survivor {
  readonly pid: number;
  readonly command: string;
  /** Its parent when the snapshot was taken: pid 1, or a subreaper (the host), once the process that started it has died. */
  readonly parentPid: number;
  /**
   * The process that started it died, and it was re-parented (to init, or to the host as its trials' subreaper):
   * nothing the trial runs will wait for it or stop it.
   */
  readonly orphaned: boolean;
  /** How the harness tied it to the trial: its ancestry, the trial's marker, or a group or session of the trial. */
  readonly foundBy: WayFound[];
}

export interface ProcessLeftovers extends Leftover {
  /** Living processes of the trial other than its host, started during the trial. */
  readonly survivors: Survivor[];
  /** Dead processes of the trial, or dead children of its living ones, that nobody has reaped yet (dead, so not in `total`). */
  readonly zombies: number;
}

export interface ProcessSnapshot {
  readonly survivors: Array<Survivor & { readonly startTime: number }>;
  readonly zombies: number;
}

/**
 * Processes of the trial still alive after the stop, however they were found (a grandchild that dropped the marker
 * and was re-parented included), whether they were orphaned, and zombies the trial left.
 */
export const processesProbe: Probe<ProcessSnapshot, ProcessLeftovers> = {
  name: 'processes',
  snapshot(target) {
    const { living, zombies } = readsOf(target).trialProcesses();
    const pids = trialPidsOf(target);
    const survivors = living
      .filter((found) => found.pid !== target.hostPid)
      .map(({ pid, startTime, command, parentPid, foundBy }) => {
        // The host, its trials' subreaper, takes in what init would have: such a process was orphaned all the same.
        const orphaned = !pids.has(parentPid) || target.family.wasOrphaned({ pid, startTime }, parentPid);
        return { pid, startTime, command, parentPid, orphaned, foundBy };
      });
    return { survivors, zombies };
  },
  diff(before, after) {
    const existing = new Set(before.survivors.map((survivor) => `${survivor.pid}:${survivor.startTime}`));
    const survivors = after.survivors
      .filter((survivor) => !existing.has(`${survivor.pid}:${survivor.startTime}`))
      .map(({ pid, command, parentPid, orphaned, foundBy }) => ({ pid, command, parentPid, orphaned, foundBy }));
    return { total: survivors.length, survivors, zombies: Math.max(0, after.zombies - before.zombies) };
  },
};

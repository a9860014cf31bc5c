import { readsOf } from './moment-reads.ts';
import type { Leftover, Probe } from './probe.ts';

export interface Survivor {
  readonly pid: number;
  readonly command: string;
  /** Its parent when the snapshot was taken: pid 1 or a subreaper once the process that started it has died. */
  readonly parentPid: number;
  /** Its parent is no longer a process of the trial: nothing the trial runs will wait for it or stop it. */
  readonly orphaned: boolean;
}

export interface ProcessLeftovers extends Leftover {
  /** Living processes of the trial other than its host, started during the trial. */
  readonly survivors: Survivor[];
  /** Dead children of the trial's processes that nobody has reaped yet (dead, so not in `total`). */
  readonly zombies: number;
}

interface ProcessSnapshot {
  readonly survivors: Survivor[];
  readonly zombies: number;
}

/** Marker-carrying processes still alive after the stop (and whether they were orphaned), and zombies left under the trial's processes. */
export const processesProbe: Probe<ProcessSnapshot, ProcessLeftovers> = {
  name: 'processes',
  snapshot(target) {
    const { marked, pids, zombies } = readsOf(target).trialProcesses();
    const survivors = marked
      .filter((found) => found.pid !== target.hostPid && found.state !== 'Z')
      .map(({ pid, command, parentPid }) => ({ pid, command, parentPid, orphaned: !pids.has(parentPid) }));
    return { survivors, zombies };
  },
  diff(before, after) {
    const existing = new Set(before.survivors.map((survivor) => survivor.pid));
    const survivors = after.survivors.filter((survivor) => !existing.has(survivor.pid));
    return { total: survivors.length, survivors, zombies: Math.max(0, after.zombies - before.zombies) };
  },
};

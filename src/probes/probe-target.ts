import { readProcessStat } from '../linux-proc/process-stat.ts';
import { createProcessFamily, type ProcessFamily } from '../process-family/process-family.ts';
import type { ProbeTarget } from './probe.ts';
import { openTrialWindow, type TrialWindow } from './trial-window.ts';

export interface ProbeTargetOptions {
  readonly trialId: string;
  readonly hostPid: number;
  readonly childPid?: number | null;
  readonly workDir: string;
  /** The trial's family; by default a new one, rooted at the host, finding processes by the trial's marker and the host's tree. */
  readonly family?: ProcessFamily;
  /** The trial's window; by default one opened now (close it, target.window, once the last snapshot is taken). */
  readonly window?: TrialWindow;
  /** The engine the host runs on; absent: Node.js. */
  readonly hostEngine?: string;
}

/**
 * A target for probing a trial's processes and directory, its window opened now; close the window (target.window)
 * once the last snapshot is taken.
 */
export function createProbeTarget({ trialId, hostPid, childPid = null, workDir, family, window, hostEngine }: ProbeTargetOptions): ProbeTarget {
  const host = readProcessStat(hostPid);
  const roots = host === null ? [] : [{ pid: host.pid, startTime: host.startTime }];
  return {
    trialId,
    hostPid,
    childPid,
    workDir,
    family: family ?? createProcessFamily({ marker: trialId, roots }),
    window: window ?? openTrialWindow(trialId),
    heldFiles: new Set(),
    ...(hostEngine === undefined ? {} : { hostEngine }),
  };
}

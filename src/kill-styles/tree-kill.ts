import treeKill from 'tree-kill';
import { SIGNALS_REACH_PROCESSES, type WorkKillStyle } from './kill-style.ts';

/** SIGKILL to the child and every descendant, found through `ps` by the tree-kill package. */
export const treeKillStyle: WorkKillStyle = {
  kind: 'work',
  name: 'tree-kill',
  description: 'SIGKILL to the child and all its descendants with the tree-kill package (processes only)',
  thread: SIGNALS_REACH_PROCESSES,
  process: (work) =>
    new Promise<string>((resolve) => {
      // tree-kill reports a failure when a process of the tree exits first; the probes show what really survived.
      treeKill(work.pid, 'SIGKILL', () => resolve('tree-kill'));
    }),
};

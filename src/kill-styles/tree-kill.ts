import treeKill from 'tree-kill';
import { guardSignals } from '../marker/guard-signals.ts';
import { readOwnMarker } from '../marker/marker.ts';
import type { SignalOutcome } from '../marker/signal-marked.ts';
import { SIGNALS_REACH_PROCESSES, type WorkKillStyle } from './kill-style.ts';

/**
 * The tree-kill package, unchanged, with one gate added: it lists the tree with `ps --ppid`, one level at a time,
 * and only then signals every pid it listed, by then tens of milliseconds old. Each of its process.kill calls goes
 * through the marker gate, so a target that no longer carries the host's trial marker (recycled, or a descendant
 * that dropped its environment) is skipped; the package still decides what the tree is, in what order it dies, and
 * how long that takes, which is what this style measures.
 */
export async function killMarkedTree(rootPid: number, signal: NodeJS.Signals, runOrTrialId: string): Promise<SignalOutcome> {
  const outcome = await guardSignals(
    runOrTrialId,
    () =>
      new Promise<void>((resolve) => {
        // tree-kill reports a failure when a process of the tree exits first; the probes show what really survived.
        treeKill(rootPid, signal, () => resolve());
      }),
  );
  // tree-kill always signals at least the root; none seen means it no longer signals through process.kill, unguarded.
  if (outcome.signalled.length + outcome.skipped.length === 0) {
    throw new Error(`tree-kill sent no signal through process.kill for pid ${rootPid}; the marker gate cannot vouch for its targets`);
  }
  return { signalled: outcome.signalled, skipped: outcome.skipped };
}

/** SIGKILL to the child and every descendant, found through `ps` by the tree-kill package, each target checked first. */
export const treeKillStyle: WorkKillStyle = {
  kind: 'work',
  name: 'tree-kill',
  description:
    'SIGKILL to the child and all its descendants with the tree-kill package, which lists them with ps; each target is signalled only if it still carries the trial marker (processes only)',
  thread: SIGNALS_REACH_PROCESSES,
  async process(work) {
    const { skipped } = await killMarkedTree(work.pid, 'SIGKILL', readOwnMarker());
    if (skipped.length > 0) process.stderr.write(`tree-kill: skipped ${skipped.length} target(s) no longer carrying the trial marker: ${skipped.join(', ')}\n`);
    return 'tree-kill';
  },
};

import treeKill from 'tree-kill';
import type { ProcessFamily } from '../process-family/process-family.ts';
import { guardSignals } from '../process-family/guard-signals.ts';
import type { SignalOutcome } from '../process-family/signal-gate.ts';
import { noPythonCounterpart, SIGNALS_REACH_PROCESSES, type WorkKillStyle } from './kill-style.ts';

/**
 * The tree-kill package, unchanged, with one gate added: it lists the tree with `ps --ppid`, one level at a time,
 * and only then signals every pid it listed, by then tens of milliseconds old. Each of its process.kill calls goes
 * through the family gate, which lets through every process of the trial however it was found (a descendant that
 * dropped the marker included) and refuses only a pid that is no longer one of them (recycled, or gone). The
 * package still decides what the tree is, in what order it dies, and how long that takes, which is what this
 * style measures.
 */
export async function killTree(rootPid: number, signal: NodeJS.Signals, family: ProcessFamily): Promise<SignalOutcome> {
  const outcome = await guardSignals(
    family,
    () =>
      new Promise<void>((resolve) => {
        // tree-kill reports a failure when a process of the tree exits first; the probes show what really survived.
        treeKill(rootPid, signal, () => resolve());
      }),
  );
  // tree-kill always signals at least the root; none seen means it no longer signals through process.kill, unguarded.
  if (outcome.signalled.length + outcome.skipped.length === 0) {
    throw new Error(`tree-kill sent no signal through process.kill for pid ${rootPid}; the family gate cannot vouch for its targets`);
  }
  return { signalled: outcome.signalled, skipped: outcome.skipped };
}

/** SIGKILL to the child and every descendant, found through `ps` by the tree-kill package, each target checked first. */
export const treeKillStyle: WorkKillStyle = {
  kind: 'work',
  name: 'tree-kill',
  description:
    'SIGKILL to the child and all its descendants with the tree-kill package, which lists them with ps; each target is checked, right before its signal, to be a process of the trial (processes only)',
  forcesEnd: true,
  thread: SIGNALS_REACH_PROCESSES,
  async process(work, { family }) {
    await killTree(work.childPid, 'SIGKILL', family);
    return { name: 'tree-kill', forces: true };
  },
  ...noPythonCounterpart('tree-kill is a Node.js package; `sigkill` (Process.kill()) is the forced stop of a Python child'),
};

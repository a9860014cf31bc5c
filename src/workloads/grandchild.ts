import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { defineWorkload } from '../workload/define-workload.ts';
import { sleepUntilStopped } from '../workload/sleep-until-stopped.ts';

/** A process the workload starts itself: a stop that skips cleanup shows whether the runtime takes it down too. */
export default defineWorkload({
  name: 'grandchild',
  description: 'spawns `sleep 300` and, once stopped, kills it and waits for its exit so no zombie remains',
  async run(context) {
    const sleeper = spawn('sleep', ['300'], { stdio: 'ignore' });
    try {
      await once(sleeper, 'spawn');
      context.ready();
      while (!context.signal.aborted) await sleepUntilStopped(context.signal);
    } finally {
      await killAndWait(sleeper);
      context.markCleanupRan('grandchild killed');
    }
  },
});

/** Waiting for the exit event lets Node.js reap the child, so it does not linger as a zombie. */
async function killAndWait(child: ChildProcess): Promise<void> {
  const neverStartedOrEnded = child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
  if (neverStartedOrEnded) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { WorkloadContext } from './define-workload.ts';
import { sleepUntilStopped } from './sleep-until-stopped.ts';

/** How long a helper that outlives a forced stop lives by itself: past the stop, well within the default `--linger` of 2.5 s. */
export const HELPER_SECONDS = 1.5;

/**
 * The body of a workload whose work is a helper process it started: ready once the helper runs, then idle until
 * stopped; its cleanup kills the helper and waits for its exit, which lets Node.js reap it, so no zombie remains. A stop
 * that skips cleanup leaves the helper to whatever the runtime does with a worker's or a child's children.
 */
export async function keepHelperUntilStopped(context: WorkloadContext, helper: ChildProcess, cleanupStep: string, { group = false } = {}): Promise<void> {
  try {
    await once(helper, 'spawn');
    context.ready();
    while (!context.signal.aborted) await sleepUntilStopped(context.signal);
  } finally {
    await killAndWait(helper, group);
    context.markCleanupRan(cleanupStep);
  }
}

/** `group`: the helper leads a process group of its own (`detached`), and the whole group is killed, a shell's jobs included. */
async function killAndWait(child: ChildProcess, group: boolean): Promise<void> {
  const neverStartedOrEnded = child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
  if (neverStartedOrEnded) return;
  const exited = once(child, 'exit');
  if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  else child.kill('SIGKILL');
  await exited;
}

import { execFileSync } from 'node:child_process';
import { defineWorkload } from '../workload/define-workload.ts';

/**
 * Blocked waiting for a child: execFileSync runs a private event loop on the calling thread until `sleep` exits.
 * A stop shows whether anything ends that loop, and whether the `sleep` outlives the work that started it.
 */
export default defineWorkload({
  name: 'blocking-exec-sync',
  description: 'calls ready(), then execFileSync(`sleep 300`): the thread waits in epoll_pwait, in a private event loop, for the child to exit',
  // It never returns to code that reads the harness's commands, so crash and exit cannot be injected into it.
  readsCommands: false,
  run(context) {
    try {
      // ready() cannot come once the call has started; the child is spawned within milliseconds, long before the
      // harness has taken its at-ready snapshot and ordered the kill.
      context.ready();
      execFileSync('sleep', ['300'], { stdio: 'ignore' });
    } finally {
      // execFileSync returns or throws only once the child has exited, so there is nothing left to clean.
      context.markCleanupRan('sleep returned');
    }
  },
});

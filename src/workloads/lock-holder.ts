import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { defineWorkload } from '../workload/define-workload.ts';
import { sleepUntilStopped } from './sleep-until-stopped.ts';

const LOCKED_FILE = 'resource';
const WORK_INTERVAL_MS = 5;

/**
 * Two locks at once: proper-lockfile's `<file>.lock` folder (on disk, refreshed on a timer) and the shared mutex
 * (in memory the host shares with a worker). A stop that skips cleanup shows which of them the runtime frees.
 */
export default defineWorkload({
  name: 'lock-holder',
  description: `holds a proper-lockfile lock on ${LOCKED_FILE} and the shared mutex from ready() until cleanup, rewriting the file until stopped`,
  async run(context) {
    const path = join(context.dir, LOCKED_FILE);
    let release: (() => Promise<void>) | undefined;
    let holdsMutex = false;
    try {
      writeFileSync(path, '0\n');
      release = await lockfile.lock(path);
      context.sharedMutex.lock();
      holdsMutex = true;
      context.ready();
      for (let unit = 1; !context.signal.aborted; unit += 1) {
        writeFileSync(path, `${unit}\n`);
        await sleepUntilStopped(context.signal, WORK_INTERVAL_MS);
      }
    } finally {
      if (holdsMutex) context.sharedMutex.unlock();
      await release?.();
      rmSync(path, { force: true });
      context.markCleanupRan('lock released and mutex unlocked');
    }
  },
});

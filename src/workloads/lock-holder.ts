import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { defineWorkload } from '../workload/define-workload.ts';
import { sleepUntilStopped } from '../workload/sleep-until-stopped.ts';

const LOCKED_FILE = 'resource';
const WORK_INTERVAL_MS = 5;

/**
 * Two locks at once: proper-lockfile's `<file>.lock` folder (on disk, refreshed on a timer) and the shared mutex
 * (in memory the host shares with a worker), taken and released around each unit of work. A kill aimed at the
 * `holding-lock` section lands while both are held; a stop that skips cleanup shows which of them the runtime frees.
 */
export default defineWorkload({
  name: 'lock-holder',
  description: `takes a proper-lockfile lock on ${LOCKED_FILE} and the shared mutex, rewrites the file, releases both, and again until stopped`,
  criticalSections: ['holding-lock'],
  async run(context) {
    const path = join(context.dir, LOCKED_FILE);
    let release: (() => Promise<void>) | undefined;
    let holdsMutex = false;
    try {
      writeFileSync(path, '0\n');
      for (let unit = 1; !context.signal.aborted; unit += 1) {
        release = await lockfile.lock(path);
        context.sharedMutex.lock();
        holdsMutex = true;
        if (unit === 1) context.ready();
        await context.enterSection('holding-lock');
        writeFileSync(path, `${unit}\n`);
        await sleepUntilStopped(context.signal, WORK_INTERVAL_MS);
        context.leaveSection('holding-lock');
        context.sharedMutex.unlock();
        holdsMutex = false;
        await release();
        release = undefined;
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

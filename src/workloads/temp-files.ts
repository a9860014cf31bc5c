import tmp from 'tmp';
import { defineWorkload } from '../workload/define-workload.ts';
import { sleepUntilStopped } from '../workload/sleep-until-stopped.ts';

const TEMP_FILES = 3;

/** The tmp package's files, which it promises to remove at exit: a stop shows whether that promise holds. */
export default defineWorkload({
  name: 'temp-files',
  description: `creates ${TEMP_FILES} files with the tmp package (graceful cleanup on) and removes them once stopped`,
  async run(context) {
    tmp.setGracefulCleanup();
    const files: tmp.FileResultNoFd[] = [];
    try {
      // The descriptor is closed at once, so only the files outlive a skipped cleanup: the open-files workload measures descriptors.
      for (let index = 0; index < TEMP_FILES; index += 1) files.push(tmp.fileSync({ prefix: 'temp-files-', discardDescriptor: true }));
      context.ready();
      while (!context.signal.aborted) await sleepUntilStopped(context.signal);
    } finally {
      for (const file of files) file.removeCallback();
      context.markCleanupRan('temp files removed');
    }
  },
});

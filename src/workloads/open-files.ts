import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { defineWorkload } from '../workload/define-workload.ts';
import { sleepUntilStopped } from '../workload/sleep-until-stopped.ts';

const FILES_PER_API = 3;
const WRITE_INTERVAL_MS = 5;
const LINE = 'still working\n';

/** Descriptors from both file APIs: a stop that skips cleanup shows which of them the runtime still closes. */
export default defineWorkload({
  name: 'open-files',
  description: `keeps ${FILES_PER_API} fs.openSync descriptors and ${FILES_PER_API} fs.promises FileHandles open, writing to them until stopped`,
  async run(context) {
    const descriptors: number[] = [];
    const handles: FileHandle[] = [];
    try {
      for (let index = 0; index < FILES_PER_API; index += 1) {
        descriptors.push(openUnlinkedSync(join(context.dir, `sync-${index}.log`)));
        handles.push(await openUnlinked(join(context.dir, `handle-${index}.log`)));
      }
      context.ready();
      while (!context.signal.aborted) {
        for (const descriptor of descriptors) writeSync(descriptor, LINE);
        await Promise.all(handles.map((handle) => handle.write(LINE)));
        await sleepUntilStopped(context.signal, WRITE_INTERVAL_MS);
      }
    } finally {
      for (const descriptor of descriptors) closeSync(descriptor);
      await Promise.all(handles.map((handle) => handle.close()));
      context.markCleanupRan('files closed');
    }
  },
});

// The names are removed at once, so only the descriptors outlive a skipped cleanup: the temp-files workload measures files.
function openUnlinkedSync(path: string): number {
  const descriptor = openSync(path, 'w');
  unlinkSync(path);
  return descriptor;
}

async function openUnlinked(path: string): Promise<FileHandle> {
  const handle = await open(path, 'w');
  await unlink(path);
  return handle;
}

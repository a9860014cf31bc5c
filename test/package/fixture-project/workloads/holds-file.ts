// A user's TypeScript workload, written against the installed package's types.
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { defineWorkload, type WorkloadContext } from 'isolation-harness';

export default defineWorkload({
  name: 'holds-file',
  description: 'holds a file open in its directory until stopped, then closes and removes it',
  async run(context: WorkloadContext) {
    const path = join(context.dir, 'held.txt');
    const fd = openSync(path, 'w');
    context.ready();
    await new Promise((resolve) => context.signal.addEventListener('abort', resolve, { once: true }));
    closeSync(fd);
    context.markCleanupRan('closed');
  },
});

// Never called: it fails to compile unless the package's types are real, since @ts-expect-error must find an error.
export function misuse(context: WorkloadContext): void {
  // @ts-expect-error the context has no such method
  context.stopNow();
}

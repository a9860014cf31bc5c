import { defineWorkload } from '../workload/define-workload.ts';
import { sleepUntilStopped } from '../workload/sleep-until-stopped.ts';

const BLOCK_BYTES = 16 * 1024 * 1024;

/** The C allocator, called through koffi (an FFI whose package ships its binaries), as native code of an addon calls it. */
interface Allocator {
  malloc(bytes: number): unknown;
  memset(block: unknown, value: number, bytes: number): unknown;
  free(block: unknown): void;
}

/**
 * Native memory the work allocates outside the JavaScript heap and keeps while it runs, as an addon's per-instance
 * state does (a cache, a decoder's buffers) when only the work's own cleanup frees it and no hook frees it as its
 * environment is torn down. A child's memory returns to the system when it exits; a worker's native allocations are
 * its host's, and a stop that skips the cleanup leaves them there: the host grows by a block per start and stop.
 */
export default defineWorkload({
  name: 'keeps-native-memory',
  description: `allocates ${BLOCK_BYTES / 1024 / 1024} MiB of native memory (malloc through koffi, every page written); its cleanup frees it`,
  async run(context) {
    const allocator = await loadAllocator();
    const block = allocator.malloc(BLOCK_BYTES);
    if (block === null) throw new Error(`malloc(${BLOCK_BYTES}) returned NULL`);
    try {
      // Written, so the pages are resident rather than merely reserved.
      allocator.memset(block, 1, BLOCK_BYTES);
      context.ready();
      while (!context.signal.aborted) await sleepUntilStopped(context.signal);
    } finally {
      allocator.free(block);
      context.markCleanupRan('native memory freed');
    }
  },
});

async function loadAllocator(): Promise<Allocator> {
  const { default: koffi } = await import('koffi');
  const libc = koffi.load(null);
  return {
    malloc: libc.func('void *malloc(size_t)'),
    memset: libc.func('void *memset(void *, int, size_t)'),
    free: libc.func('void free(void *)'),
  };
}

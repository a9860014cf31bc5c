import { defineWorkload } from '../workload/define-workload.ts';
import { sleepUntilStopped } from '../workload/sleep-until-stopped.ts';

const BLOCK_BYTES = 16 * 1024 * 1024;
const PROT_READ_WRITE = 0x1 | 0x2;
const MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
/** mmap(2)'s MAP_FAILED, (void *) -1, as koffi gives a pointer's address. */
const MAP_FAILED = 2n ** 64n - 1n;

/** Pages mapped straight from the kernel through koffi (an FFI whose package ships its binaries), as native code maps them. */
interface Pages {
  mmap(address: null, bytes: number, protection: number, flags: number, fd: number, offset: number): unknown;
  memset(block: unknown, value: number, bytes: number): unknown;
  munmap(block: unknown, bytes: number): number;
  address(block: unknown): bigint;
}

/**
 * Native memory the work maps outside the JavaScript heap and keeps while it runs, as an addon's per-instance state does
 * (a cache, a decoder's buffers) when only the work's own cleanup releases it and no hook releases it as its environment
 * is torn down. A child's memory returns to the system when it exits; a worker's native memory is its host's, and a
 * stop that skips the cleanup leaves it there: the host grows by a block per start and stop. The pages come from mmap,
 * not malloc, so that the cleanup returns them to the system at once, whatever the allocator would keep.
 */
export default defineWorkload({
  name: 'keeps-native-memory',
  description: `maps ${BLOCK_BYTES / 1024 / 1024} MiB of native memory (mmap through koffi, every page written); its cleanup unmaps it`,
  async run(context) {
    const pages = await loadPages();
    const block = pages.mmap(null, BLOCK_BYTES, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
    if (pages.address(block) === MAP_FAILED) throw new Error(`mmap of ${BLOCK_BYTES} bytes failed`);
    try {
      // Written, so the pages are resident rather than merely reserved.
      pages.memset(block, 1, BLOCK_BYTES);
      context.ready();
      while (!context.signal.aborted) await sleepUntilStopped(context.signal);
    } finally {
      pages.munmap(block, BLOCK_BYTES);
      context.markCleanupRan('native memory unmapped');
    }
  },
});

async function loadPages(): Promise<Pages> {
  const { default: koffi } = await import('koffi');
  const libc = koffi.load(null);
  return {
    mmap: libc.func('void *mmap(void *, size_t, int, int, int, long)'),
    memset: libc.func('void *memset(void *, int, size_t)'),
    munmap: libc.func('int munmap(void *, size_t)'),
    address: (block) => koffi.address(block),
  };
}

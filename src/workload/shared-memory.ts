/** How many Int32 slots the region a workload shares with the host holds: room for a few small records. */
export const SHARED_MEMORY_SLOTS = 64;

/**
 * Memory for `context.sharedMemory`, all zeros. In a worker thread the host keeps the same buffer, so after the stop
 * it can check what a worker left half-written; in a child process the buffer is the child's alone.
 */
export function createSharedMemoryBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(SHARED_MEMORY_SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

const UNLOCKED = 0;
const LOCKED = 1;

/**
 * A mutex in shared memory (one Int32 slot, Atomics): in a worker thread the host holds the same memory, so it can
 * find out whether a stopped worker left the mutex locked. In a child process the memory is the child's alone.
 */
export class SharedMutex {
  readonly #slot: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) {
    this.#slot = new Int32Array(buffer);
  }

  /** Blocks the calling thread until the mutex is free, then takes it. */
  lock(): void {
    while (Atomics.compareExchange(this.#slot, 0, UNLOCKED, LOCKED) !== UNLOCKED) Atomics.wait(this.#slot, 0, LOCKED);
  }

  /** Takes the mutex if it frees up within the timeout; false means whoever holds it never let go. */
  tryLock(timeoutMs: number): boolean {
    const deadline = performance.now() + timeoutMs;
    while (Atomics.compareExchange(this.#slot, 0, UNLOCKED, LOCKED) !== UNLOCKED) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) return false;
      Atomics.wait(this.#slot, 0, LOCKED, remaining);
    }
    return true;
  }

  unlock(): void {
    Atomics.store(this.#slot, 0, UNLOCKED);
    Atomics.notify(this.#slot, 0, 1);
  }

  isLocked(): boolean {
    return Atomics.load(this.#slot, 0) === LOCKED;
  }
}

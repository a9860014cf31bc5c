import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves with the promise's value, or undefined once the deadline passes first; the timer never outlives the race. */
export async function within<Value>(timeoutMs: number, promise: Promise<Value>): Promise<Value | undefined> {
  const deadline = new AbortController();
  try {
    return await Promise.race([promise, sleep(timeoutMs, undefined, { signal: deadline.signal })]);
  } finally {
    deadline.abort();
  }
}

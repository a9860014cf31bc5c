const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Resolves once the stop is requested, or after `ms`: a pause between units of work that a stop cuts short. */
export function sleepUntilStopped(signal: AbortSignal, ms = LONGEST_TIMER_MS): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener('abort', wake, { once: true });
  });
}

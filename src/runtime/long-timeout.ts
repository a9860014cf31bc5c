/** The longest delay one Node.js timer takes: a longer one fires after 1 ms, with a TimeoutOverflowWarning. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * setTimeout for any delay: a watchdog adds margins to waits the user chose (each within a timer's range), and the
 * sum may pass it, so a longer delay is waited for in turns. Returns the function that cancels it.
 */
export function setLongTimeout(callback: () => void, delayMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = (leftMs: number) => {
    const turnMs = Math.min(leftMs, MAX_TIMER_DELAY_MS);
    timer = setTimeout(() => (leftMs > turnMs ? arm(leftMs - turnMs) : callback()), turnMs);
  };
  arm(Math.max(0, delayMs));
  return () => clearTimeout(timer);
}

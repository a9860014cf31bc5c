import type { PipeHolder } from '../linux-proc/pipe-holders.ts';

/**
 * One thing that kept a parent from going on after the stop, as the host (the parent) saw it, with when it let go:
 * `heldUntilMs` from the kill request, or null when it still held as the watch ended.
 * - `pipe`: a pipe between the parent and its child (stdin, stdout, stderr, the IPC channel) whose other end a process
 *   still held, so the parent's stream never ended; the holders are named.
 * - `promise`: the call a parent awaits after a stop (`await subprocess`, `await pool.destroy()`) had not settled.
 * - `handle`: a kind of handle the parent's event loop counts as active (process.getActiveResourcesInfo()) beyond those
 *   it had before the work started, which no pipe above explains: `count` of them.
 * - `system-call`: the work's own thread still lived, blocked in that call (a worker whose terminate() cannot end it).
 */
export type ParentHold = HeldBy & { readonly heldUntilMs: number | null };

/** What held the parent at one moment, said in one line too. */
export type HeldBy = { readonly description: string } & (
  | { readonly kind: 'pipe'; readonly channel: string; readonly holders: readonly PipeHolder[] }
  | { readonly kind: 'promise'; readonly promise: string }
  | { readonly kind: 'handle'; readonly resource: string; readonly count: number }
  | { readonly kind: 'system-call'; readonly systemCall: string | null; readonly threadId: number }
);

/**
 * What a parent that uses the runtime the usual way lived through after the stop, measured in the host, which is that
 * parent: it awaits what such a parent awaits (execa's `await subprocess`; tinypool's `await pool.destroy()`, called once
 * the work was gone), and reads which handles keep its own event loop alive. Times are from the kill request; the watch
 * lasts until the parent could go on, or `--linger` ms after the kill.
 */
export interface ParentExit {
  /** Until the awaited call settled; null when it had not as the watch ended. */
  readonly parentAwaitMs: number | null;
  /** Until the parent's event loop held nothing the work had added, so that it could exit; null when it still did. */
  readonly parentLoopFreeMs: number | null;
  /** Until both: when the parent could go on; null when it was still held as the watch ended. */
  readonly parentSettledMs: number | null;
  /** What held the parent once the work was gone (a brief wait for a pipe's last bytes or a port's close aside); empty when nothing did. */
  readonly parentHeldBy: readonly ParentHold[];
  /** Until the watch of the parent ended. */
  readonly parentWatchedMs: number;
}

/**
 * What lets go within this long of being seen does not count as holding the parent: a pipe's last bytes read and its
 * handle closed, a worker's ports closed in the turn after its thread ended. What holds longer is in `parentHeldBy`.
 */
export const PARENT_HOLD_GRACE_MS = 50;

/**
 * How long past the work's end a parent that went on "at once" may still have waited: the watch reads every 10 ms, and
 * a pipe's last bytes or a worker's ports take a turn or two of the event loop to let go. A helper that holds a pipe
 * holds it for as long as it lives, far longer.
 */
export const PARENT_AT_ONCE_MS = 100;

/**
 * Whether the parent could go on at once: within PARENT_AT_ONCE_MS of the work's end (`stopMs`), or later with nothing
 * that held it for long (a host the machine did not schedule for a moment is not held by the work); false when it was
 * still held as its watch ended, or the stop itself hung; null where the parent was not watched (a Python host, host-death).
 */
export function wentOnAtOnce(trial: Partial<Pick<ParentExit, 'parentSettledMs' | 'parentHeldBy'>> & { readonly stopMs: number | null }): boolean | null {
  if (trial.parentSettledMs === undefined) return null;
  if (trial.parentSettledMs === null || trial.stopMs === null) return false;
  return trial.parentSettledMs - trial.stopMs <= PARENT_AT_ONCE_MS || trial.parentHeldBy?.length === 0;
}

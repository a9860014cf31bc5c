import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** How a child process ended, from its own exit, and the last line it wrote to stderr by then. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** `performance.now()` at the exit. */
  readonly at: number;
  readonly lastLine: string;
}

/** The last bytes of stderr kept for the message of a child that died: enough for V8's or Node's last line. */
const STDERR_TAIL_BYTES = 4096;

/**
 * Watches a child's exit, which comes when the kernel reaps it, unlike the end of its stdio: a descendant that
 * inherited its stderr keeps that pipe open for as long as it lives. At the exit, the child's stderr is let go,
 * so that pipe never holds this process's event loop.
 */
export function watchExit(child: ChildProcess): { ended: Promise<ChildExit>; within(timeoutMs: number): Promise<boolean> } {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
  });
  const ended = new Promise<ChildExit>((resolve) => {
    // A child that could not be spawned (EAGAIN, EMFILE) emits `error` and never `exit`: it ended before it began.
    child.once('error', (error) => {
      if (child.pid === undefined) resolve({ code: null, signal: null, at: performance.now(), lastLine: error.message });
    });
    child.once('exit', (code, signal) => {
      const at = performance.now();
      // Anything the child wrote before it died is already in the pipe; read it before letting the pipe go.
      setImmediate(() => {
        child.stderr?.destroy();
        resolve({ code, signal, at, lastLine: tail.trim().split('\n').pop() ?? '' });
      });
    });
  });
  return {
    ended,
    within: async (timeoutMs) => (await Promise.race([ended.then(() => true), sleep(timeoutMs, false, { ref: false })])) === true,
  };
}

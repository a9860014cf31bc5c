import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** How a child process ended, from its own exit, and the last line it wrote to stderr by then. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** `performance.now()` at the exit. */
  readonly at: number;
  /** What the child said of its end on stderr (see describeLastWords); empty when it said nothing. */
  readonly lastLine: string;
}

/**
 * The line of a dying Node.js process's stderr that says why: V8's `FATAL ERROR: …`, else the uncaught error's
 * `Name: message`, else its last line, never the `Node.js v20…` banner it prints last.
 */
export function describeLastWords(stderr: string): string {
  return findErrorLine(stderr) ?? meaningfulLines(stderr).at(-1) ?? '';
}

/** V8's `FATAL ERROR: …` line, else an uncaught error's `Name: message` line; null when stderr holds neither. */
export function findErrorLine(stderr: string): string | null {
  const lines = meaningfulLines(stderr);
  return lines.find((line) => line.startsWith('FATAL ERROR: ')) ?? lines.find((line) => /^[A-Za-z_$][\w$]*(?: \[\w+\])?: /.test(line)) ?? null;
}

function meaningfulLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^Node\.js v\d/.test(line));
}

/** The last bytes of stderr kept for the message of a child that died: enough for V8's or Node's last line. */
const STDERR_TAIL_BYTES = 4096;

/**
 * Watches a child's exit, which comes when the kernel reaps it, unlike the end of its stdio: a descendant that
 * inherited its stderr keeps that pipe open for as long as it lives. At the exit, the child's stderr is let go, so
 * that pipe never holds this process's event loop; unless `keepStderr`, for a child whose parent is measured as it is
 * (the work's child: its pipes are left to execa, as a parent that uses it the usual way leaves them).
 */
export function watchExit(child: ChildProcess, { keepStderr = false } = {}): { ended: Promise<ChildExit>; within(timeoutMs: number): Promise<boolean> } {
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
        if (!keepStderr) child.stderr?.destroy();
        resolve({ code, signal, at, lastLine: describeLastWords(tail) });
      });
    });
  });
  return {
    ended,
    within: async (timeoutMs) => (await Promise.race([ended.then(() => true), sleep(timeoutMs, false, { ref: false })])) === true,
  };
}

import { exitCodeOf } from './exit-codes.ts';

/** Signals that end a run early, with the exit code a shell expects after each (128 + its number). */
const SIGNAL_EXIT_CODES = { SIGHUP: exitCodeOf('hangup'), SIGINT: exitCodeOf('interrupt'), SIGTERM: exitCodeOf('terminate') } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

/** What the run is aborted with when stdout or stderr closes: the name the report and the record give the interruption. */
export const CLOSED_OUTPUT = 'a closed stdout or stderr';

export interface Interrupt {
  readonly signal: AbortSignal;
  /** The exit code of what interrupted the run (a signal, a closed output), or null if nothing did. */
  exitCode(): number | null;
  dispose(): void;
}

/** The streams a run writes to: both must be able to close under it (a pipe to head, a terminal that went away). */
export interface OutputStreams {
  readonly stdout: NodeJS.EventEmitter;
  readonly stderr: NodeJS.EventEmitter;
}

/**
 * Turns SIGHUP, Ctrl-C, SIGTERM and a closed stdout or stderr into an abort, so the run stops its trials, reaps its
 * processes and removes its folders before exiting. A write to a closed pipe fails with EPIPE (Node ignores SIGPIPE),
 * which would otherwise be an unhandled error that kills the run and leaves its work behind.
 */
export function watchForInterrupt(streams: OutputStreams = process): Interrupt {
  const controller = new AbortController();
  let exitCode: number | null = null;
  const stop = (reason: string, code: number) => {
    exitCode ??= code;
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const signals = (Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]).map((name) => listen(process, name, () => stop(name, SIGNAL_EXIT_CODES[name])));
  const outputs = [streams.stdout, streams.stderr].map((stream) => listen(stream, 'error', () => stop(CLOSED_OUTPUT, exitCodeOf('closedOutput'))));
  return {
    signal: controller.signal,
    exitCode: () => exitCode,
    dispose: () => {
      for (const remove of [...signals, ...outputs]) remove();
    },
  };
}

function listen(emitter: NodeJS.EventEmitter, event: string, listener: () => void): () => void {
  emitter.on(event, listener);
  return () => emitter.off(event, listener);
}

/**
 * Outside a run (help, list, merge, the final lines after one): an output closed by its reader is the reader's
 * choice, not a failure; nothing is left to stop, so its errors are dropped rather than crash the process.
 */
export function ignoreClosedOutput(streams: OutputStreams = process): void {
  for (const stream of [streams.stdout, streams.stderr]) stream.on('error', () => undefined);
}

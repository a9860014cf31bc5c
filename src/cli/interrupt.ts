/** Exit codes a shell expects after SIGINT and SIGTERM (128 + signal number). */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof EXIT_CODES;

export interface Interrupt {
  readonly signal: AbortSignal;
  /** The exit code matching the signal that interrupted the run, or null if none did. */
  exitCode(): number | null;
  dispose(): void;
}

/** Turns Ctrl-C and SIGTERM into an abort, so the run can reap its processes and remove its folders before exiting. */
export function watchForInterrupt(): Interrupt {
  const controller = new AbortController();
  let received: HandledSignal | null = null;
  const handlers = (Object.keys(EXIT_CODES) as HandledSignal[]).map((name) => {
    const handler = () => {
      received ??= name;
      controller.abort(name);
    };
    process.on(name, handler);
    return () => process.off(name, handler);
  });
  return {
    signal: controller.signal,
    exitCode: () => (received === null ? null : EXIT_CODES[received]),
    dispose: () => {
      for (const remove of handlers) remove();
    },
  };
}

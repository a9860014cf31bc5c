/**
 * What the harness's exit code means: one meaning per code, so a CI gate can tell a regression from a run that could
 * not measure, from bad input, from an interruption. --help prints the briefs; the README's table is the meanings
 * (test/cli/exit-codes.test.ts holds it to them).
 */
export const EXIT_CODES = {
  held: { code: 0, brief: 'held', meaning: 'the run measured what it planned and held: no regression, no `--fail-on` condition met' },
  regression: { code: 1, brief: 'a regression against --check', meaning: '`--check` found a cell worse than its baseline; the reports are written as usual' },
  badInput: {
    code: 2,
    brief: 'bad input, refused before anything ran',
    meaning: 'bad input: one line on stderr naming the option, the value and what is allowed; nothing ran and nothing was written',
  },
  couldNotMeasure: {
    code: 3,
    brief: 'could not measure (--fail-on, or --check compared nothing)',
    meaning:
      'could not measure: a `--fail-on` condition was met (by default a trial errored, or nothing applicable ran), or `--check` could not compare a cell',
  },
  hangup: { code: 129, brief: 'interrupted by SIGHUP', meaning: 'interrupted by SIGHUP (a closed terminal)' },
  interrupt: { code: 130, brief: 'interrupted by SIGINT', meaning: 'interrupted by SIGINT (Ctrl-C)' },
  closedOutput: {
    code: 141,
    brief: 'stdout or stderr closed during the run',
    meaning: 'stdout or stderr was closed during the run (a pipe to `head`), taken as SIGPIPE',
  },
  terminate: { code: 143, brief: 'interrupted by SIGTERM', meaning: 'interrupted by SIGTERM' },
} as const;

export type ExitCodeName = keyof typeof EXIT_CODES;

/** What every interruption does, said once: the codes from 129 on. */
export const INTERRUPTED = 'the trials under way are stopped and every process reaped, the incomplete report is written, and `--resume` carries on';

/** The code of one meaning. */
export function exitCodeOf(name: ExitCodeName): number {
  return EXIT_CODES[name].code;
}

/** The brief table --help prints: one line per code. */
export function renderExitCodes(indent: string): string {
  return Object.values(EXIT_CODES)
    .map(({ code, brief }) => `${indent}${String(code).padEnd(4)} ${brief}`)
    .join('\n');
}

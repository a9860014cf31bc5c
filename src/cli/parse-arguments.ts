import { parseArgs } from 'node:util';
import { KILL_STYLE_NAMES, type KillStyleName } from '../kill-styles/kill-styles.ts';
import { RUNTIME_NAMES, type RuntimeName } from '../runtime/runtime.ts';
import { describeBadValue, UsageError } from './usage-error.ts';

export interface HarnessOptions {
  readonly runtimes: RuntimeName[];
  readonly kills: KillStyleName[];
  /** Built-in workload names and paths to user modules, as given; resolved later. */
  readonly workloads: string[] | null;
  readonly trials: number;
  readonly out: string;
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly graceMs: number;
  readonly deadlineMs: number;
  /** A baseline to hold the run to (--check), read and validated before any trial runs. */
  readonly check: string | null;
  /** Where to write the run's expectations as a new baseline (--update-baseline). */
  readonly updateBaseline: string | null;
}

export type Command = { kind: 'help' } | { kind: 'list' } | { kind: 'run'; options: HarnessOptions };

const OPTIONS = {
  runtime: { type: 'string' },
  kill: { type: 'string' },
  workload: { type: 'string' },
  trials: { type: 'string' },
  out: { type: 'string' },
  'start-timeout': { type: 'string' },
  'stop-timeout': { type: 'string' },
  grace: { type: 'string' },
  deadline: { type: 'string' },
  check: { type: 'string' },
  'update-baseline': { type: 'string' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

// A hung trial costs the whole stop timeout, and most stops take well under 200 ms: one trial per cell and a 2 s
// stop timeout keep the default matrix to a few minutes on 2 cores.
export const DEFAULTS = { trials: 1, out: 'reports', startTimeoutMs: 10_000, stopTimeoutMs: 2_000, graceMs: 1_000, deadlineMs: 1_500 } as const;

/** Turns argv into a command, rejecting anything unknown before any work starts. */
export function parseArguments(argv: string[]): Command {
  const { values, positionals } = parseStrictly(argv);
  if (positionals.length > 0) throw new UsageError(describeBadValue('argument', positionals[0] ?? '', 'every input is a --flag; see --help'));
  if (values.help) return { kind: 'help' };
  if (values.list) return { kind: 'list' };
  if (values.check !== undefined && values['update-baseline'] !== undefined) {
    throw new UsageError(describeBadValue('flag', '--update-baseline', 'give either --check or --update-baseline, not both'));
  }
  return {
    kind: 'run',
    options: {
      runtimes: parseNames('--runtime', values.runtime, RUNTIME_NAMES),
      kills: parseNames('--kill', values.kill, KILL_STYLE_NAMES),
      workloads: values.workload === undefined ? null : splitList('--workload', values.workload),
      trials: parsePositiveInteger('--trials', values.trials, DEFAULTS.trials),
      out: parsePath('--out', values.out ?? DEFAULTS.out, 'directory'),
      startTimeoutMs: parsePositiveInteger('--start-timeout', values['start-timeout'], DEFAULTS.startTimeoutMs),
      stopTimeoutMs: parsePositiveInteger('--stop-timeout', values['stop-timeout'], DEFAULTS.stopTimeoutMs),
      graceMs: parsePositiveInteger('--grace', values.grace, DEFAULTS.graceMs),
      deadlineMs: parsePositiveInteger('--deadline', values.deadline, DEFAULTS.deadlineMs),
      check: values.check === undefined ? null : parsePath('--check', values.check, 'file'),
      updateBaseline: values['update-baseline'] === undefined ? null : parsePath('--update-baseline', values['update-baseline'], 'file'),
    },
  };
}

function parseStrictly(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeParseError(error), { cause: error });
  }
}

/** node:util's messages are long and vary by version: name the flag and what is allowed in our own words. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]*)/.exec(message)?.[1] ?? message;
  const allowedFlags = `allowed: ${Object.keys(OPTIONS).map((name) => `--${name}`).join(', ')}`;
  if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return describeBadValue('flag', flag, allowedFlags);
  return describeBadValue('flag', flag, 'it needs a value: write --flag=value when the value starts with a dash');
}

function parseNames<Name extends string>(flag: string, value: string | undefined, allowed: readonly Name[]): Name[] {
  if (value === undefined) return [...allowed];
  return splitList(flag, value).map((name) => {
    if (!(allowed as readonly string[]).includes(name)) {
      throw new UsageError(describeBadValue(`${flag} value`, name, `allowed: ${allowed.join(', ')}`));
    }
    return name as Name;
  });
}

function splitList(flag: string, value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new UsageError(describeBadValue(`${flag} list`, value, 'give comma-separated names with none empty'));
  return [...new Set(names)];
}

function parsePositiveInteger(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(describeBadValue(`${flag} value`, value, 'allowed: a positive whole number'));
  }
  return Number(value);
}

function parsePath(flag: string, value: string, kind: 'directory' | 'file'): string {
  if (value.trim() === '') throw new UsageError(describeBadValue(`${flag} value`, value, `allowed: a ${kind} path`));
  return value;
}

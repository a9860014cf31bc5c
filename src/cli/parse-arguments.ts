import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { notApplicableReason } from '../kill-styles/kill-style.ts';
import { KILL_STYLE_NAMES, KILL_STYLES, type KillStyleName, readKillStyleName } from '../kill-styles/kill-styles.ts';
import { SEQUENCE_GRAMMAR } from '../kill-styles/stop-steps.ts';
import { KILL_POINT_MODES, type KillPointMode, type Shard } from '../record/run-record.ts';
import { DEFAULT_FAIL_CONDITIONS, FAIL_CONDITIONS, type FailCondition } from '../run/run-failures.ts';
import { NODE_RUNTIME_NAMES, RUNTIME_NAMES, type RuntimeName } from '../runtime/runtime.ts';
import type { TaskRequest } from '../task/task-module.ts';
import { describeBadValue, UsageError } from '../errors/usage-error.ts';
import { DEFAULT_LINGER_MS } from '../trial/measure-trial.ts';
import { type NumberFlag, parseNumber, parseShard } from './number-options.ts';
import { describeParseError, joinNegativeValues, rejectRepeatedFlags } from './flag-tokens.ts';
import { type EngineSpec, parseEngineSpec, parseNodeSpec } from '../engines/engine-spec.ts';

export interface HarnessOptions {
  readonly runtimes: RuntimeName[];
  readonly kills: KillStyleName[];
  /** Built-in workload names and paths to user modules, as given; resolved later. */
  readonly workloads: string[] | null;
  /** Job files written for tinypool or piscina (--task), each with the --task-data payload; resolved later. */
  readonly tasks: TaskRequest[];
  readonly trials: number;
  /** --cycles: each cell's trials (then `trials` of them) run as start-stop cycles in one host, its memory read after each. */
  readonly cycles?: number;
  readonly out: string;
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly graceMs: number;
  readonly deadlineMs: number;
  /** A baseline to hold the run to (--check), read and validated before any trial runs. */
  readonly check: string | null;
  /** Which cells --check holds the run to: the run's own selection, or every cell of the baseline (see CHECK_SCOPES). */
  readonly checkScope: CheckScope;
  /** Where to write the run's expectations as a new baseline (--update-baseline). */
  readonly updateBaseline: string | null;
  /** null: draw one, and print it in the command that reproduces the run. */
  readonly seed: number | null;
  readonly killPoint: KillPointMode;
  readonly killDelayMaxMs: number;
  readonly memoryLimitMb: number;
  /** How long after the kill what a stop left is watched (--linger), 0 for not at all. */
  readonly lingerMs: number;
  readonly concurrency: number;
  readonly shard: Shard | null;
  /** Carry on the interrupted run whose journal is in --out, with its own plan. */
  readonly resume: boolean;
  /** What makes the run exit 3 once its reports are written (--fail-on). */
  readonly failOn: readonly FailCondition[];
  /**
   * The engines the hosts run on (--engine, or --node for Node.js versions), read but not yet resolved (nor installed);
   * null: the harness's own Node.js.
   */
  readonly engines: EngineSpec[] | null;
  /** The flag the engines were given with, for the messages about them: --engine or --node. */
  readonly engineFlag: '--engine' | '--node';
  /** Run a plan that would take hours (--yes), instead of refusing it. */
  readonly yes: boolean;
}

/**
 * `run`: the cells the run selected are held to the baseline, and baseline cells it left out are named, not failed (a
 * narrowed or sharded run may pass). `baseline`: every baseline cell must be run (a shard: every one of its share),
 * checked before any trial starts.
 */
export const CHECK_SCOPES = ['run', 'baseline'] as const;
export type CheckScope = (typeof CHECK_SCOPES)[number];

export type Command =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'run'; options: HarnessOptions }
  /** Combine the results files of shards into one report. */
  | { kind: 'merge'; files: string[]; out: string };

const OPTIONS = {
  runtime: { type: 'string' },
  kill: { type: 'string' },
  workload: { type: 'string' },
  task: { type: 'string' },
  'task-data': { type: 'string' },
  trials: { type: 'string' },
  cycles: { type: 'string' },
  out: { type: 'string' },
  'start-timeout': { type: 'string' },
  'stop-timeout': { type: 'string' },
  grace: { type: 'string' },
  deadline: { type: 'string' },
  check: { type: 'string' },
  'check-scope': { type: 'string' },
  'update-baseline': { type: 'string' },
  seed: { type: 'string' },
  'kill-point': { type: 'string' },
  'kill-delay': { type: 'string' },
  'memory-limit': { type: 'string' },
  linger: { type: 'string' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
  resume: { type: 'boolean' },
  'fail-on': { type: 'string' },
  node: { type: 'string' },
  engine: { type: 'string' },
  yes: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

// A hung trial costs the whole stop timeout. The slowest stop that ends is abort-then-force's grace plus the force
// (0.5 s + about 20 ms here); the slowest cooperative abort of a built-in took 151 ms. Two trials per cell, a 1 s stop
// timeout and two trials at once (on 2 cores) keep the default matrix of 15 workloads to about 3 minutes.
// A worker's heap cap must leave room for memory-hog's ~290 MiB, which lives outside the V8 heap anyway.
export const DEFAULTS = {
  trials: 2,
  out: 'isolation-harness-report',
  startTimeoutMs: 10_000,
  stopTimeoutMs: 1_000,
  graceMs: 500,
  deadlineMs: 1_500,
  killPoint: 'auto',
  killDelayMaxMs: 50,
  memoryLimitMb: 1_024,
  lingerMs: DEFAULT_LINGER_MS,
  concurrency: availableParallelism(),
  checkScope: 'run',
} as const;

/** Flags that shape the plan: --resume takes the plan from the journal, so it refuses them. */
const PLAN_FLAGS = [
  'runtime',
  'kill',
  'workload',
  'task',
  'task-data',
  'trials',
  'cycles',
  'start-timeout',
  'stop-timeout',
  'grace',
  'deadline',
  'seed',
  'kill-point',
  'kill-delay',
  'memory-limit',
  'linger',
  'shard',
  'node',
  'engine',
  'yes',
] as const;

/** Flags whose value is a comma-separated list: a repeat is refused with that hint. */
const LIST_FLAGS: readonly string[] = ['runtime', 'kill', 'workload', 'task', 'fail-on', 'node', 'engine'];

/** Turns argv into a command, rejecting anything unknown before any work starts. */
export function parseArguments(argv: string[]): Command {
  const { values, positionals } = parseStrictly(argv);
  if (values.help) return { kind: 'help' };
  if (values.list) return { kind: 'list' };
  if (positionals[0] === 'merge') return parseMerge(positionals.slice(1), values);
  if (positionals.length > 0)
    throw new UsageError(describeBadValue('argument', positionals[0] ?? '', 'every input is a --flag, or the command `merge FILE...`; see --help'));
  if (values.check !== undefined && values['update-baseline'] !== undefined) {
    throw new UsageError(describeBadValue('flag', '--update-baseline', 'give either --check or --update-baseline, not both'));
  }
  if (values['check-scope'] !== undefined && values.check === undefined)
    throw new UsageError(describeBadValue('flag', '--check-scope', 'give it together with --check, whose cells it chooses'));
  if (values.node !== undefined && values.engine !== undefined)
    throw new UsageError(describeBadValue('flag', '--node', 'give either --engine or --node (its Node.js versions are --engine node@22), not both'));
  if (values.resume)
    rejectWith('--resume', values, PLAN_FLAGS, 'the plan comes from the interrupted run; give only --out (and --check, --update-baseline, --concurrency)');
  const runtimes = values.runtime === undefined ? [...NODE_RUNTIME_NAMES] : parseNames('--runtime', values.runtime, RUNTIME_NAMES);
  const number = (flag: NumberFlag, value: string | undefined, fallback: number) => (value === undefined ? fallback : parseNumber(flag, value));
  return {
    kind: 'run',
    options: {
      runtimes,
      // Without --kill: every style that applies to one of the runtimes, so a Node.js run has no column of Python's styles.
      kills: values.kill === undefined ? stylesFor(runtimes) : parseKills(values.kill),
      workloads: values.workload === undefined ? null : splitList('--workload', values.workload),
      tasks: parseTasks(values.task, values['task-data']),
      ...parseRepetitions(values.trials, values.cycles),
      out: parsePath('--out', values.out ?? DEFAULTS.out, 'directory'),
      startTimeoutMs: number('--start-timeout', values['start-timeout'], DEFAULTS.startTimeoutMs),
      stopTimeoutMs: number('--stop-timeout', values['stop-timeout'], DEFAULTS.stopTimeoutMs),
      graceMs: number('--grace', values.grace, DEFAULTS.graceMs),
      deadlineMs: number('--deadline', values.deadline, DEFAULTS.deadlineMs),
      check: values.check === undefined ? null : parsePath('--check', values.check, 'file'),
      checkScope: values['check-scope'] === undefined ? DEFAULTS.checkScope : parseName('--check-scope', values['check-scope'], CHECK_SCOPES),
      updateBaseline: values['update-baseline'] === undefined ? null : parsePath('--update-baseline', values['update-baseline'], 'file'),
      seed: values.seed === undefined ? null : parseNumber('--seed', values.seed),
      killPoint: values['kill-point'] === undefined ? DEFAULTS.killPoint : parseName('--kill-point', values['kill-point'], KILL_POINT_MODES),
      killDelayMaxMs: number('--kill-delay', values['kill-delay'], DEFAULTS.killDelayMaxMs),
      memoryLimitMb: number('--memory-limit', values['memory-limit'], DEFAULTS.memoryLimitMb),
      lingerMs: number('--linger', values.linger, DEFAULTS.lingerMs),
      concurrency: number('--concurrency', values.concurrency, DEFAULTS.concurrency),
      shard: values.shard === undefined ? null : parseShard(values.shard),
      resume: values.resume ?? false,
      failOn: parseFailOn(values['fail-on']),
      engines: parseEngines(values.engine, values.node),
      engineFlag: values.node === undefined ? '--engine' : '--node',
      yes: values.yes ?? false,
    },
  };
}

type ParsedValues = ReturnType<typeof parseStrictly>['values'];

/**
 * --trials, or --cycles: each cycle is one trial of its cell, run one after another in one host, so --cycles N is N
 * trials per cell; given both, they must agree.
 */
function parseRepetitions(trials: string | undefined, cycles: string | undefined): { trials: number; cycles?: number } {
  if (cycles === undefined) return { trials: trials === undefined ? DEFAULTS.trials : parseNumber('--trials', trials) };
  const count = parseNumber('--cycles', cycles);
  if (trials !== undefined && parseNumber('--trials', trials) !== count) {
    throw new UsageError(
      describeBadValue('--trials value', trials, `with --cycles ${cycles}, each cycle is one trial of its cell: leave --trials out, or give ${cycles}`),
    );
  }
  return { trials: count, cycles: count };
}

/** Presets are left out: their waits are their tools' own (up to 90 s), which a user asks for by name. */
function stylesFor(runtimes: readonly RuntimeName[]): KillStyleName[] {
  return KILL_STYLE_NAMES.filter(
    (kill) => KILL_STYLES[kill].preset === undefined && runtimes.some((runtime) => notApplicableReason(KILL_STYLES[kill], runtime) === null),
  );
}

/** Style and preset names, and sequences of steps, each spelled as results name it (`abort > 500ms>tree-kill` as `abort>500ms>tree-kill`). */
function parseKills(value: string): KillStyleName[] {
  const kills = splitList('--kill', value).map((text) => {
    const read = readKillStyleName(text);
    if ('name' in read) return read.name;
    throw new UsageError(describeBadValue('--kill value', text, `${read.problem}; allowed: ${KILL_STYLE_NAMES.join(', ')}, or ${SEQUENCE_GRAMMAR}`));
  });
  return [...new Set(kills)];
}

function parseMerge(files: string[], values: ParsedValues): Command {
  rejectWith('merge', values, [...PLAN_FLAGS, 'check', 'check-scope', 'update-baseline', 'concurrency', 'resume'], 'merge takes results files and --out only');
  if (files.length < 2) throw new UsageError(describeBadValue('merge', files.join(' '), 'give two or more results.json files written by --shard runs'));
  return { kind: 'merge', files, out: parsePath('--out', values.out ?? DEFAULTS.out, 'directory') };
}

function rejectWith(what: string, values: ParsedValues, flags: readonly (keyof ParsedValues)[], allowed: string): void {
  const given = flags.find((flag) => values[flag] !== undefined);
  if (given !== undefined) throw new UsageError(describeBadValue(`flag --${given} with`, what, allowed));
}

function parseStrictly(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, OPTIONS), options: OPTIONS, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    throw new UsageError(describeParseError(error, OPTIONS), { cause: error });
  }
  rejectRepeatedFlags(parsed.tokens, LIST_FLAGS);
  return parsed;
}

function parseNames<Name extends string>(flag: string, value: string | undefined, allowed: readonly Name[]): Name[] {
  if (value === undefined) return [...allowed];
  return splitList(flag, value).map((name) => parseName(flag, name, allowed));
}

function parseName<Name extends string>(flag: string, name: string, allowed: readonly Name[], more = ''): Name {
  if (!(allowed as readonly string[]).includes(name)) throw new UsageError(describeBadValue(`${flag} value`, name, `allowed: ${allowed.join(', ')}${more}`));
  return name as Name;
}

/** Each --task path with the one payload; --task-data must be JSON, and means nothing without a task. */
function parseTasks(paths: string | undefined, data: string | undefined): TaskRequest[] {
  if (paths === undefined) {
    if (data !== undefined) throw new UsageError(describeBadValue('flag', '--task-data', 'give it together with --task, whose functions it is passed to'));
    return [];
  }
  const payload = data === undefined ? {} : { data: parseJson('--task-data', data) };
  return splitList('--task', paths).map((source) => ({ source, ...payload }));
}

function parseJson(flag: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(describeBadValue(`${flag} value`, value, `give a JSON value, e.g. '{"size": 3}' (${reason})`));
  }
}

/** --engine's values, or --node's as engines (each a Node.js release or a path): checked here, resolved before the run. */
function parseEngines(engine: string | undefined, node: string | undefined): EngineSpec[] | null {
  if (engine !== undefined) return splitList('--engine', engine).map((value) => parseEngineSpec(value));
  return node === undefined ? null : splitList('--node', node).map(parseNodeSpec);
}

function splitList(flag: string, value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new UsageError(describeBadValue(`${flag} list`, value, 'give comma-separated names with none empty'));
  return [...new Set(names)];
}

/** `none`, or a list of conditions; the default when not given. */
function parseFailOn(value: string | undefined): readonly FailCondition[] {
  if (value === undefined) return DEFAULT_FAIL_CONDITIONS;
  if (value === 'none') return [];
  return splitList('--fail-on', value).map((name) => parseName('--fail-on', name, FAIL_CONDITIONS, ', or none alone'));
}

function parsePath(flag: string, value: string, kind: 'directory' | 'file'): string {
  if (value.trim() === '') throw new UsageError(describeBadValue(`${flag} value`, value, `allowed: a ${kind} path`));
  return value;
}

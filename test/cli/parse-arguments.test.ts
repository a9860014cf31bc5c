import { availableParallelism, totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/usage-error.ts';
import { KILL_STYLE_NAMES } from '../../src/kill-styles/kill-styles.ts';
import { LANES_PER_CORE, MAX_CYCLES, MAX_SHARDS, MAX_TIMER_MS, MAX_TRIALS, MIN_CYCLES, MIN_MEMORY_LIMIT_MB } from '../../src/cli/number-options.ts';
import { type Command, DEFAULTS, type HarnessOptions, parseArguments } from '../../src/cli/parse-arguments.ts';

// The contract of every option, checked by parsing alone: no process, no file, no run. What needs more than the
// arguments (a module to import, a baseline to read, a folder to write) is in bad-input.test.ts, through the CLI.

function refusal(args: string[]): string {
  try {
    parseArguments(args);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`${args.join(' ')} was accepted`);
}

function optionsOf(args: string[]): HarnessOptions {
  const command: Command = parseArguments(args);
  if (command.kind !== 'run') throw new Error(`${args.join(' ')} is not a run`);
  return command.options;
}

const DURATIONS = ['--start-timeout', '--stop-timeout', '--grace', '--deadline'];
const MAX_LANES = LANES_PER_CORE * availableParallelism();
const MEMORY_MIB = Math.floor(totalmem() / 2 ** 20);

describe('number options: a whole number in range, in its unit, or one line naming the option, the value and what is allowed', () => {
  const durationRule = `allowed: a whole number of milliseconds from 1 to ${MAX_TIMER_MS} (about 24.8 days, the longest a timer waits)`;
  const cases: Array<[string, string[], string]> = [
    ['zero trials', ['--trials', '0'], `--trials value "0" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`],
    [
      'negative trials, written with =',
      ['--trials=-3'],
      `--trials value "-3" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`,
    ],
    [
      'negative trials, written apart',
      ['--trials', '-3'],
      `--trials value "-3" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`,
    ],
    ['a negative stop timeout, written apart', ['--stop-timeout', '-5'], '--stop-timeout value "-5" is not allowed; allowed: a whole number of milliseconds'],
    [
      'a million trials',
      ['--trials', '1000000'],
      '--trials value "1000000" is not allowed; allowed: a whole number of trials per cell from 1 to 10000 (more say nothing a smaller sample does not; a plan of over an hour also needs --yes)',
    ],
    [
      'trials beyond any safe integer',
      ['--trials', '99999999999999999999'],
      `--trials value "99999999999999999999" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`,
    ],
    [
      'trials beyond the bound',
      ['--trials', String(MAX_TRIALS + 1)],
      `--trials value "${MAX_TRIALS + 1}" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`,
    ],
    ['fractional trials', ['--trials', '1.5'], `--trials value "1.5" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`],
    ['NaN trials', ['--trials', 'NaN'], `--trials value "NaN" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`],
    ['empty trials', ['--trials='], `--trials value "" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`],
    ['trials in exponent form', ['--trials', '1e3'], `--trials value "1e3" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`],
    ['trials with a sign', ['--trials', '+3'], `--trials value "+3" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`],
    ['trials with spaces', ['--trials', ' 3'], `--trials value " 3" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`],
    ['trials in hex', ['--trials', '0x10'], `--trials value "0x10" is not allowed; allowed: a whole number of trials per cell from 1 to ${MAX_TRIALS}`],
    [
      'a kill delay past the longest timer',
      ['--kill-delay', '99999999999'],
      `--kill-delay value "99999999999" is not allowed; ${durationRule.replace('from 1', 'from 0')}`,
    ],
    ['a kill delay with a unit', ['--kill-delay', '5ms'], `--kill-delay value "5ms" is not allowed; ${durationRule.replace('from 1', 'from 0')}`],
    ['a negative kill delay', ['--kill-delay=-1'], `--kill-delay value "-1" is not allowed; ${durationRule.replace('from 1', 'from 0')}`],
    ...DURATIONS.flatMap((flag): Array<[string, string[], string]> => [
      [`${flag} past the longest timer`, [flag, '99999999999'], `${flag} value "99999999999" is not allowed; ${durationRule}`],
      [`${flag} one past the longest timer`, [flag, String(MAX_TIMER_MS + 1)], `${flag} value "${MAX_TIMER_MS + 1}" is not allowed; ${durationRule}`],
      [`zero ${flag}`, [flag, '0'], `${flag} value "0" is not allowed; ${durationRule}`],
      [`${flag} in seconds`, [flag, '2s'], `${flag} value "2s" is not allowed; ${durationRule}`],
      [`fractional ${flag}`, [flag, '0.5'], `${flag} value "0.5" is not allowed; ${durationRule}`],
    ]),
    ['a negative seed', ['--seed=-1'], `--seed value "-1" is not allowed; allowed: a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`],
    [
      'a seed past the safe integers',
      ['--seed', '9007199254740993'],
      `--seed value "9007199254740993" is not allowed; allowed: a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
    ],
    ['a seed that is not a number', ['--seed', 'lucky'], `--seed value "lucky" is not allowed; allowed: a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`],
    [
      'a heap cap too small for any worker',
      ['--memory-limit', '1'],
      `--memory-limit value "1" is not allowed; allowed: a whole number of MiB from ${MIN_MEMORY_LIMIT_MB} to ${MEMORY_MIB} (this machine's memory; a smaller heap fails a worker at its start)`,
    ],
    [
      'a heap cap beyond the machine',
      ['--memory-limit', String(MEMORY_MIB + 1)],
      `--memory-limit value "${MEMORY_MIB + 1}" is not allowed; allowed: a whole number of MiB`,
    ],
    ['zero lanes', ['--concurrency', '0'], `--concurrency value "0" is not allowed; allowed: a whole number of lanes from 1 to ${MAX_LANES} (`],
    [
      'more lanes than the cores can time',
      ['--concurrency', '64'],
      `--concurrency value "64" is not allowed; allowed: a whole number of lanes from 1 to ${MAX_LANES} (${LANES_PER_CORE} per core`,
    ],
    ['a shard beyond the count', ['--shard', '3/2'], `--shard value "3/2" is not allowed; allowed: i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}, e.g. 2/4`],
    ['a shard of zero', ['--shard', '0/2'], `--shard value "0/2" is not allowed; allowed: i/n`],
    ['more shards than the bound', ['--shard', `1/${MAX_SHARDS + 1}`], `--shard value "1/${MAX_SHARDS + 1}" is not allowed; allowed: i/n`],
    ['a shard that is not i/n', ['--shard', 'half'], `--shard value "half" is not allowed; allowed: i/n`],
    [
      'fewer cycles than a slope needs',
      ['--cycles', String(MIN_CYCLES - 1)],
      `--cycles value "${MIN_CYCLES - 1}" is not allowed; allowed: a whole number of cycles per cell from ${MIN_CYCLES} to ${MAX_CYCLES} (a slope with its interval needs ${MIN_CYCLES} points`,
    ],
    [
      'cycles past the bound',
      ['--cycles', String(MAX_CYCLES + 1)],
      `--cycles value "${MAX_CYCLES + 1}" is not allowed; allowed: a whole number of cycles per cell`,
    ],
    [
      'cycles and trials that disagree',
      ['--cycles', '8', '--trials', '2'],
      '--trials value "2" is not allowed; with --cycles 8, each cycle is one trial of its cell: leave --trials out, or give 8',
    ],
    ['cycles with --resume', ['--resume', '--cycles', '8'], 'flag --cycles with "--resume" is not allowed; the plan comes from the interrupted run'],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    expect(refusal(args)).toContain(message);
    expect(refusal(args)).not.toContain('\n');
  });

  it('makes each cycle a trial of its cell: --cycles N is N trials per cell, with --trials N or without it', () => {
    expect(optionsOf(['--cycles', '8'])).toMatchObject({ trials: 8, cycles: 8 });
    expect(optionsOf(['--cycles', '8', '--trials', '8'])).toMatchObject({ trials: 8, cycles: 8 });
    expect(optionsOf(['--trials', '3']).cycles).toBeUndefined();
  });

  it('accepts each bound itself, and leading zeros, as the whole number they are', () => {
    expect(optionsOf(['--trials', String(MAX_TRIALS)]).trials).toBe(MAX_TRIALS);
    expect(optionsOf(['--trials', '007']).trials).toBe(7);
    expect(optionsOf(['--stop-timeout', String(MAX_TIMER_MS)]).stopTimeoutMs).toBe(MAX_TIMER_MS);
    expect(optionsOf(['--kill-delay', '0']).killDelayMaxMs).toBe(0);
    expect(optionsOf(['--seed', String(Number.MAX_SAFE_INTEGER)]).seed).toBe(Number.MAX_SAFE_INTEGER);
    expect(optionsOf(['--concurrency', String(MAX_LANES)]).concurrency).toBe(MAX_LANES);
    expect(optionsOf(['--memory-limit', String(MIN_MEMORY_LIMIT_MB)]).memoryLimitMb).toBe(MIN_MEMORY_LIMIT_MB);
    expect(optionsOf(['--shard', `${MAX_SHARDS}/${MAX_SHARDS}`]).shard).toEqual({ index: MAX_SHARDS, count: MAX_SHARDS });
  });

  it('defaults to values inside every range', () => {
    const options = optionsOf([]);
    expect(options).toMatchObject({
      trials: DEFAULTS.trials,
      stopTimeoutMs: DEFAULTS.stopTimeoutMs,
      concurrency: DEFAULTS.concurrency,
      checkScope: 'run',
      yes: false,
    });
    expect(options.concurrency).toBeLessThanOrEqual(MAX_LANES);
  });
});

describe('names, lists and flags', () => {
  const cases: Array<[string, string[], string]> = [
    ['an unknown runtime', ['--runtime', 'fiber'], '--runtime value "fiber" is not allowed; allowed: thread, process, py-thread, py-process, py-process-spawn'],
    [
      'an unknown kill style',
      ['--kill', 'abort,nuke'],
      `--kill value "nuke" is not allowed; no kill style or preset has that name; allowed: ${KILL_STYLE_NAMES.join(', ')}, or steps joined by >`,
    ],
    ['an empty list entry', ['--kill', 'abort,'], '--kill list "abort," is not allowed; give comma-separated names with none empty'],
    ['an empty list', ['--runtime='], '--runtime list "" is not allowed'],
    ['an empty workload list', ['--workload', ''], '--workload list "" is not allowed'],
    ['an unknown kill point', ['--kill-point', 'random'], '--kill-point value "random" is not allowed; allowed: auto, delay, section'],
    [
      'an unknown --fail-on condition',
      ['--fail-on', 'errored,slow'],
      '--fail-on value "slow" is not allowed; allowed: errored, hung, leaked, empty, or none alone',
    ],
    [
      'none among other conditions',
      ['--fail-on', 'none,errored'],
      '--fail-on value "none" is not allowed; allowed: errored, hung, leaked, empty, or none alone',
    ],
    ['an unknown check scope', ['--check', 'b.json', '--check-scope', 'all'], '--check-scope value "all" is not allowed; allowed: run, baseline'],
    ['a check scope without a check', ['--check-scope', 'baseline'], 'flag "--check-scope" is not allowed; give it together with --check'],
    [
      'both baseline flags',
      ['--check', 'a.json', '--update-baseline', 'b.json'],
      'flag "--update-baseline" is not allowed; give either --check or --update-baseline, not both',
    ],
    ['an empty --out', ['--out='], '--out value "" is not allowed; allowed: a directory path'],
    ['a blank --check', ['--check', ' '], '--check value " " is not allowed; allowed: a file path'],
    ['task data that is not JSON', ['--task', 'job.js', '--task-data', '{width:'], '--task-data value "{width:" is not allowed; give a JSON value'],
    ['empty task data', ['--task', 'job.js', '--task-data='], '--task-data value "" is not allowed; give a JSON value'],
    ['task data without a task', ['--task-data', '{}'], 'flag "--task-data" is not allowed; give it together with --task'],
    ['a repeated number flag', ['--trials', '2', '--trials', '3'], 'flag "--trials" is not allowed; it was given twice ("2", "3"); give it once'],
    [
      'a repeated list flag',
      ['--workload', 'cpu-loop', '--workload', 'open-files'],
      'flag "--workload" is not allowed; it was given twice ("cpu-loop", "open-files"); give it once, with a comma-separated list',
    ],
    ['a repeated switch', ['--yes', '--yes'], 'flag "--yes" is not allowed; it was given twice; give it once'],
    [
      'a flag followed by another flag',
      ['--out', '--trials', '2'],
      'flag "--out" is not allowed; it needs a value: write --flag=value when the value starts with a dash',
    ],
    ['a flag followed by a dash that is no number', ['--out', '-x'], 'flag "--out" is not allowed; it needs a value'],
    ['a flag with no value at all', ['--trials'], 'flag "--trials" is not allowed; it needs a value'],
    ['an unknown flag', ['--bogus'], 'flag "--bogus" is not allowed; allowed: --runtime, --kill, --workload, --task, --task-data, --trials, --cycles, --out'],
    ['a flag in the wrong case', ['--Trials', '2'], 'flag "--Trials" is not allowed'],
    ['a stray argument', ['thread'], 'argument "thread" is not allowed; every input is a --flag, or the command `merge FILE...`'],
    ['resume with a plan flag', ['--resume', '--trials', '3'], 'flag --trials with "--resume" is not allowed; the plan comes from the interrupted run'],
    ['resume with --yes', ['--resume', '--yes'], 'flag --yes with "--resume" is not allowed'],
    ['merge of one file', ['merge', 'a.json'], 'merge "a.json" is not allowed; give two or more results.json files'],
    [
      'merge with a plan flag',
      ['merge', 'a.json', 'b.json', '--trials', '2'],
      'flag --trials with "merge" is not allowed; merge takes results files and --out only',
    ],
    ['merge with --check-scope', ['merge', 'a.json', 'b.json', '--check-scope', 'run'], 'flag --check-scope with "merge" is not allowed'],
    [
      'an unknown engine',
      ['--engine', 'node,rhino'],
      '--engine value "rhino" is not allowed; allowed: node (this Node.js), node@22, bun, bun@1.4, deno, deno@2.9 (a release from the npm registry',
    ],
    ['an engine release that is no version', ['--engine', 'bun@latest'], '--engine value "bun@latest" is not allowed; allowed: node (this Node.js)'],
    [
      'a --node value that names an engine',
      ['--node', 'bun'],
      '--node value "bun" is not allowed; allowed: a version (20, 22.23.5) or a path to a node binary',
    ],
    ['both --engine and --node', ['--engine', 'bun', '--node', '22'], 'flag "--node" is not allowed; give either --engine or --node'],
    ['resume with --engine', ['--resume', '--engine', 'bun'], 'flag --engine with "--resume" is not allowed'],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    expect(refusal(args)).toContain(message);
    expect(refusal(args)).not.toContain('\n');
  });

  it('reads --yes and --check-scope, and keeps each list once in the order given', () => {
    expect(optionsOf(['--yes', '--check', 'b.json', '--check-scope', 'baseline'])).toMatchObject({ yes: true, check: 'b.json', checkScope: 'baseline' });
    expect(optionsOf(['--kill', 'sigkill,abort,sigkill']).kills).toEqual(['sigkill', 'abort']);
    expect(optionsOf(['--fail-on', 'none']).failOn).toEqual([]);
  });

  it('reads --engine values as engines and releases, and --node values as Node.js releases, resolving nothing yet', () => {
    expect(optionsOf(['--engine', 'node,bun@1.4,deno,./bin/bun,22']).engines).toEqual([
      { kind: 'release', requested: 'node', name: 'node', version: null },
      { kind: 'release', requested: 'bun@1.4', name: 'bun', version: '1.4' },
      { kind: 'release', requested: 'deno', name: 'deno', version: null },
      { kind: 'path', requested: './bin/bun', path: './bin/bun' },
      { kind: 'release', requested: '22', name: 'node', version: '22' },
    ]);
    expect(optionsOf(['--node', '20,v22.23.5'])).toMatchObject({
      engineFlag: '--node',
      engines: [
        { name: 'node', version: '20' },
        { name: 'node', version: '22.23.5' },
      ],
    });
    expect(optionsOf([]).engines).toBeNull();
  });
});

describe('stop sequences in --kill', () => {
  it('reads presets and sequences, each sequence spelled as results name it, and keeps each once', () => {
    expect(optionsOf(['--kill', 'abort > 500ms > tree-kill,docker-stop,abort>500ms>tree-kill,sigterm>10s>sigkill']).kills).toEqual([
      'abort>500ms>tree-kill',
      'docker-stop',
      'sigterm>10s>sigkill',
    ]);
    expect(optionsOf(['--kill', 'event>grace>cgroup-sigterm>90s>cgroup-sigkill']).kills).toEqual(['event>grace>cgroup-sigterm>90s>cgroup-sigkill']);
  });

  it('leaves the presets out of the default list: their waits are their tools own', () => {
    const kills: readonly string[] = optionsOf([]).kills;
    expect(kills).toContain('abort-then-force');
    expect(kills).not.toContain('docker-stop');
    expect(kills).not.toContain('systemd-stop');
  });

  const cases: Array<[string, string, string]> = [
    ['a wait without a unit', 'abort>500>tree-kill', 'step 2 "500" is neither a step nor a wait'],
    ['a wait in another unit', 'abort>1min>tree-kill', 'step 2 "1min" is neither a step nor a wait'],
    ['a fractional wait', 'abort>0.5s>force', 'step 2 "0.5s" is neither a step nor a wait'],
    ['a zero wait', 'sigterm>0ms>sigkill', 'step 2 "0ms" is neither a step nor a wait'],
    ['a wait past the longest timer', 'sigterm>2147484s>sigkill', 'step 2 "2147484s" waits longer than 2147483647 ms'],
    ['a signal in capitals', 'abort>1s>SIGKILL', 'step 3 "SIGKILL" is neither a step nor a wait'],
    ['an empty step', 'abort>>force', 'step 2 is empty'],
    ['a trailing >', 'abort>', 'step 2 is empty'],
    ['one step alone', 'ask', 'no kill style or preset has that name'],
    ['a wait first', '500ms>sigkill', 'begins with a wait: the first step must act'],
    ['a wait last', 'sigterm>5s', 'ends with a wait: the stop timeout already follows the last step'],
    ['two waits in a row', 'sigterm>1s>2s>sigkill', 'step 3 is a second wait in a row'],
    ['waits that add up past a timer', 'sigterm>2000000s>sigint>2000000s>sigkill', 'its waits add up to 4000000000 ms'],
  ];

  it.each(cases)('refuses %s in one line naming the value, the problem and the grammar', (_name, spec, problem) => {
    const message = refusal(['--kill', `abort,${spec}`]);
    expect(message).toContain(`--kill value "${spec}" is not allowed; ${problem}`);
    expect(message).toContain('allowed: abort, abort-then-force');
    expect(message).toContain('or steps joined by > (abort>500ms>tree-kill)');
    expect(message).not.toContain('\n');
  });
});

import { availableParallelism, totalmem } from 'node:os';
import { describeBadValue, UsageError } from '../errors/usage-error.ts';

/** The longest a Node.js timer waits: setTimeout() and AbortSignal.timeout() fire after 1 ms for anything longer. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** More trials per cell than this say nothing a smaller sample does not (a Wilson interval narrower than ±1%). */
export const MAX_TRIALS = 10_000;
/**
 * Lanes per core beyond which the lanes time each other's starts and stops instead of the work's: each lane keeps a
 * host process and polls /proc every few ms, so on 2 cores 64 lanes starved the reaping of SIGKILLed hosts for
 * seconds. A lane waiting for its trial costs little; more of them than this would only wait.
 */
export const LANES_PER_CORE = 4;
/** A heap under this fails a worker at its start (ERR_WORKER_OUT_OF_MEMORY at 1 MiB), whatever the workload. */
export const MIN_MEMORY_LIMIT_MB = 32;
/** The fewest start-stop cycles a slope per cycle, with its interval, is drawn from (--cycles). */
export const MIN_CYCLES = 3;
/** The most cycles of one cell in one host (--cycles): they run one after another, never side by side. */
export const MAX_CYCLES = 1_000;
/** The longest what a stop left may be watched (--linger). */
export const MAX_LINGER_MS = 600_000;
/** The most shards a run can be split into; more than the cells of any plan would leave shards empty. */
export const MAX_SHARDS = 1_000;

/** A number option's range and unit: the whole contract of its value. */
export interface NumberRule {
  readonly least: number;
  readonly most: number;
  /** What one unit is, in the plural: "milliseconds", "MiB". */
  readonly unit: string;
  /** Why the upper bound is where it is, said in the refusal. */
  readonly why?: string;
}

const duration = (least: 0 | 1): NumberRule => ({ least, most: MAX_TIMER_MS, unit: 'milliseconds', why: 'about 24.8 days, the longest a timer waits' });

/** Every number option: its range and unit. Checked by parseNumber before anything starts. */
export const NUMBER_RULES = {
  '--trials': {
    least: 1,
    most: MAX_TRIALS,
    unit: 'trials per cell',
    why: 'more say nothing a smaller sample does not; a plan of over an hour also needs --yes',
  },
  '--cycles': {
    least: MIN_CYCLES,
    most: MAX_CYCLES,
    unit: 'cycles per cell',
    why: `a slope with its interval needs ${MIN_CYCLES} points; past ${MAX_CYCLES}, one host's trend says nothing more`,
  },
  '--start-timeout': duration(1),
  '--stop-timeout': duration(1),
  '--grace': duration(1),
  '--deadline': duration(1),
  '--kill-delay': duration(0),
  '--linger': { least: 0, most: MAX_LINGER_MS, unit: 'milliseconds', why: 'ten minutes: a leftover alive that long is not lingering, it stays' },
  '--seed': { least: 0, most: Number.MAX_SAFE_INTEGER, unit: 'seed' },
  '--memory-limit': {
    least: MIN_MEMORY_LIMIT_MB,
    most: Math.floor(totalmem() / 2 ** 20),
    unit: 'MiB',
    why: "this machine's memory; a smaller heap fails a worker at its start",
  },
  '--concurrency': {
    least: 1,
    most: LANES_PER_CORE * availableParallelism(),
    unit: 'lanes',
    why: `${LANES_PER_CORE} per core on this machine's ${availableParallelism()}: more lanes would time each other's stops, not the work's`,
  },
} as const satisfies Record<string, NumberRule>;

export type NumberFlag = keyof typeof NUMBER_RULES;

/** A whole number in its option's range, written in digits only: no sign, no fraction, no unit, no exponent. */
export function parseNumber(flag: NumberFlag, value: string): number {
  const rule: NumberRule = NUMBER_RULES[flag];
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < rule.least || number > rule.most) throw new UsageError(describeBadValue(`${flag} value`, value, describeRule(rule)));
  return number;
}

/** "allowed: a whole number of milliseconds from 1 to 2147483647 (about 24.8 days, …)". */
export function describeRule(rule: NumberRule): string {
  const unit = rule.unit === 'seed' ? 'a whole number' : `a whole number of ${rule.unit}`;
  return `allowed: ${unit} from ${rule.least} to ${rule.most}${rule.why === undefined ? '' : ` (${rule.why})`}`;
}

/** `i/n`: the i-th of n shards. */
export function parseShard(value: string): { index: number; count: number } {
  const [, index, count] = /^(\d+)\/(\d+)$/.exec(value) ?? [];
  if (index === undefined || count === undefined || Number(index) < 1 || Number(index) > Number(count) || Number(count) > MAX_SHARDS) {
    throw new UsageError(describeBadValue('--shard value', value, `allowed: i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}, e.g. 2/4`));
  }
  return { index: Number(index), count: Number(count) };
}

import { isKillStyleName } from '../kill-styles/kill-styles.ts';
import { RUNTIME_NAMES } from '../runtime/runtime.ts';

type Fields = Record<string, unknown>;

const OUTCOMES: readonly unknown[] = ['stopped', 'leaked', 'hung', 'errored', 'not-applicable'];
const NUMBERS = ['trials', 'startTimeoutMs', 'stopTimeoutMs', 'graceMs', 'deadlineMs', 'seed', 'killDelayMaxMs', 'memoryLimitMb', 'concurrency'] as const;

/**
 * What is wrong with a recorded plan (a results file's, a journal's), so that a file of another shape is refused in
 * one line instead of failing deep inside a merge or a resume; null when it has every field those read.
 */
export function findPlanProblem(plan: unknown): string | null {
  if (!isFields(plan)) return `has a plan that is ${describe(plan)}, not an object`;
  const runtimes = plan.runtimes;
  if (!Array.isArray(runtimes) || runtimes.some((name) => !(RUNTIME_NAMES as readonly unknown[]).includes(name)))
    return `has plan.runtimes ${JSON.stringify(runtimes) ?? 'missing'}, not a list of ${RUNTIME_NAMES.join(', ')}`;
  const kills = plan.kills;
  if (!Array.isArray(kills) || !kills.every(isKillStyleName))
    return `has plan.kills ${JSON.stringify(kills) ?? 'missing'}, not a list of kill styles, presets or stop sequences (see --list)`;
  const workloads = plan.workloads;
  if (!Array.isArray(workloads) || workloads.some((workload) => !isFields(workload) || typeof workload.name !== 'string'))
    return 'has plan.workloads that is not a list of named workloads';
  const number = NUMBERS.find((key) => typeof plan[key] !== 'number' || !Number.isFinite(plan[key]));
  if (number !== undefined) return `has plan.${number} ${JSON.stringify(plan[number]) ?? 'missing'}, not a number`;
  if (plan.shard !== null && !isFields(plan.shard)) return `has plan.shard ${JSON.stringify(plan.shard) ?? 'missing'}, not null or { index, count }`;
  return null;
}

/** What is wrong with a list of recorded results, by the first that lacks its cell's names or a known outcome; null when none does. */
export function findResultsProblem(results: unknown): string | null {
  if (!Array.isArray(results)) return `has results that are ${describe(results)}, not a list`;
  const index = results.findIndex(
    (result) =>
      !isFields(result) ||
      !(RUNTIME_NAMES as readonly unknown[]).includes(result.runtime) ||
      !isKillStyleName(result.kill) ||
      typeof result.workload !== 'string' ||
      typeof result.trial !== 'number' ||
      !OUTCOMES.includes(result.outcome),
  );
  return index < 0 ? null : `has results[${index}] that is not a trial result (runtime, kill, workload, trial and outcome)`;
}

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

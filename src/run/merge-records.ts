import { readFileSync } from 'node:fs';
import { SCHEMA_VERSION } from '../record/results-json.ts';
import type { TrialResult } from '../record/trial-result.ts';
import { planTrials } from './plan-trials.ts';
import type { RunPlan, RunRecord } from '../record/run-record.ts';
import { sameKey } from './run-matrix.ts';

/** Shards that cannot be merged; the message names the file or the cell at fault. */
export class MergeError extends Error {
  override name = 'MergeError';
}

/** A results.json written by this version of the harness, checked enough to be merged. */
export function readRecord(path: string): RunRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MergeError(`merge file "${path}" cannot be read as JSON (${(error as Error).message}); allowed: a results.json written by the harness`);
  }
  const { schemaVersion, ...record } = parsed as { schemaVersion?: unknown } & RunRecord;
  if (schemaVersion !== SCHEMA_VERSION) throw new MergeError(`merge file "${path}" has schemaVersion ${String(schemaVersion)}, not ${SCHEMA_VERSION}; rerun its shard with this harness`);
  if (record.incomplete !== null) throw new MergeError(`merge file "${path}" holds an interrupted run (${record.incomplete.reason}); resume it with --resume first`);
  return record;
}

/**
 * One record from the shards of one run: the same plan and seed, every planned trial exactly once. Its results
 * are in the order of the unsharded run, which therefore renders the same cells and verdicts.
 */
export function mergeRecords(records: readonly { path: string; record: RunRecord }[]): RunRecord {
  const [first] = records;
  if (first === undefined) throw new MergeError('merge needs results files; allowed: two or more results.json files of --shard runs');
  for (const { path, record } of records) {
    if (describePlan(record.plan) !== describePlan(first.record.plan)) {
      throw new MergeError(`merge file "${path}" ran another plan than "${first.path}" (flags or seed differ); allowed: shards of one command`);
    }
  }
  const plan: RunPlan = { ...first.record.plan, shard: null };
  const all = records.flatMap(({ record }) => record.results);
  const results = planTrials({ ...plan, workloads: plan.workloads }).map(({ key }) => {
    const found = all.filter((result) => sameKey(result, key));
    if (found.length !== 1) {
      throw new MergeError(`merge has ${found.length} results for ${key.workload} / ${key.kill} / ${key.runtime} #${key.trial}, not 1; allowed: each shard i/n exactly once`);
    }
    return found[0] as TrialResult;
  });
  return {
    ...first.record,
    command: withoutShard(first.record.command),
    startedAt: earliest(records.map(({ record }) => record.startedAt)),
    finishedAt: latest(records.map(({ record }) => record.finishedAt)),
    plan,
    results,
  };
}

/** The plan without what may differ between shards of one run. */
function describePlan(plan: RunPlan): string {
  return JSON.stringify({ ...plan, shard: null, concurrency: null });
}

function withoutShard(command: string): string {
  return command.replace(/ --shard(?:=| )\S+/, '');
}

function earliest(times: string[]): string {
  return [...times].sort()[0] ?? '';
}

function latest(times: string[]): string {
  return [...times].sort().at(-1) ?? '';
}

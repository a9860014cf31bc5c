import { readFileSync } from 'node:fs';
import { DERIVED_FIELDS, SCHEMA_VERSION } from '../record/results-json.ts';
import { findPlanProblem, findResultsProblem, isFields } from '../record/check-record-shape.ts';
import { finishSegment } from '../record/segment.ts';
import { nameCell, type TrialResult } from '../record/trial-result.ts';
import { planTrials } from './plan-trials.ts';
import type { RunPlan, RunRecord, Segment } from '../record/run-record.ts';
import { ENGINE_NAMES, type EngineEntry } from '../engines/engine-target.ts';
import { compareVersions } from '../engines/engine-registry.ts';
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
  const refuse = (problem: string) => new MergeError(`merge file "${path}" ${problem}; allowed: a results.json written by the harness`);
  if (!isFields(parsed)) throw refuse(`holds ${parsed === null ? 'null' : Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`}, not a results object`);
  // The verdicts, recommendations and analysis are derived from the results: the merged record's are recomputed, never carried over.
  const { schemaVersion, ...fields } = parsed as { schemaVersion?: unknown } & Omit<RunRecord, 'provenance'> & Partial<Pick<RunRecord, 'provenance'>>;
  const record = withoutDerived(fields);
  if (schemaVersion !== SCHEMA_VERSION)
    throw new MergeError(`merge file "${path}" has schemaVersion ${String(schemaVersion)}, not ${SCHEMA_VERSION}; rerun its shard with this harness`);
  const problem = findPlanProblem(record.plan) ?? findResultsProblem(record.results);
  if (problem !== null) throw refuse(problem);
  if (record.incomplete !== null)
    throw new MergeError(`merge file "${path}" holds an interrupted run (${record.incomplete.reason}); resume it with --resume first`);
  // Files written by version 5 before it gained provenance were each one segment, described by their top level.
  const { provenance = [describeWholeRun(record)] } = record;
  return { ...record, provenance };
}

/**
 * One record from the shards of one run: the same plan and seed, every planned trial exactly once. Its results
 * are in the order of the unsharded run, which therefore renders the same cells and verdicts. Shards may come from
 * different machines or code: every file's segments are kept (a merged file's already flat), so the report can say so.
 */
export function mergeRecords(records: readonly { path: string; record: RunRecord }[]): RunRecord {
  const [first] = records;
  if (first === undefined) throw new MergeError('merge needs results files; allowed: two or more results.json files of --shard runs');
  for (const { path, record } of records) {
    if (describePlan(record.plan) !== describePlan(first.record.plan)) {
      throw new MergeError(`merge file "${path}" ran another plan than "${first.path}" (flags or seed differ); allowed: shards of one command`);
    }
  }
  const provenance = orderSegments(records.flatMap(({ record }) => record.provenance));
  const firstSegment = provenance[0] ?? describeWholeRun(first.record);
  const engines = mergeEngines(records);
  const plan: RunPlan = { ...first.record.plan, concurrency: firstSegment.concurrency, shard: null, ...(engines === undefined ? {} : { engines }) };
  const all = records.flatMap(({ record }) => record.results);
  const results = planTrials({ ...plan, workloads: plan.workloads }).map(({ key }) => {
    const found = all.filter((result) => sameKey(result, key));
    if (found.length !== 1) {
      throw new MergeError(`merge has ${found.length} results for ${nameCell(key)} #${key.trial}, not 1; allowed: each shard i/n exactly once`);
    }
    return found[0] as TrialResult;
  });
  return {
    ...first.record,
    sourceDigest: firstSegment.sourceDigest,
    command: withEngines(withoutShard(first.record.command), engines),
    startedAt: earliest(records.map(({ record }) => record.startedAt)),
    finishedAt: latest(records.map(({ record }) => record.finishedAt)),
    plan,
    environment: firstSegment.environment,
    provenance,
    results,
  };
}

/** By shard, then by start: the first segment, whose machine the top level names, is shard 1 whatever the order of the files. */
function orderSegments(segments: readonly Segment[]): Segment[] {
  return [...segments].sort((one, other) => (one.shard?.index ?? 0) - (other.shard?.index ?? 0) || one.startedAt.localeCompare(other.startedAt));
}

function describeWholeRun(record: Omit<RunRecord, 'provenance'>): Segment {
  const { startedAt, sourceDigest, plan, environment } = record;
  return finishSegment({ startedAt, sourceDigest, concurrency: plan.concurrency, environment }, plan.shard, record.results.length, record.finishedAt);
}

/** The plan without what may differ between shards of one run, or between the jobs of a CI matrix with one engine each. */
function describePlan(plan: RunPlan): string {
  return JSON.stringify({ ...plan, shard: null, concurrency: null, engines: null });
}

/**
 * The engines of all the files: jobs that each ran one engine (--engine bun in one job, --engine deno in another,
 * --node 22 in a third) merge into one report across engines, Node.js first, oldest release first. A file without
 * --engine ran on its own harness's Node.js, whose results name no engine, so it cannot join them; one label must be
 * one release in every file. Shards of one run (each with every engine) keep the run's order.
 */
function mergeEngines(records: readonly { path: string; record: RunRecord }[]): EngineEntry[] | undefined {
  const without = records.find(({ record }) => record.plan.engines === undefined);
  if (without === undefined) return unionEngines(records);
  if (records.every(({ record }) => record.plan.engines === undefined)) return undefined;
  throw new MergeError(
    `merge file "${without.path}" ran without --engine (or --node), and others with it; allowed: every file run with --engine (one engine per job is fine)`,
  );
}

function unionEngines(records: readonly { path: string; record: RunRecord }[]): EngineEntry[] {
  const byLabel = new Map<string, { path: string; engine: EngineEntry }>();
  for (const { path, record } of records) {
    for (const engine of record.plan.engines ?? []) {
      const earlier = byLabel.get(engine.label);
      if (earlier !== undefined && earlier.engine.version !== engine.version) {
        throw new MergeError(
          `merge file "${path}" ran ${engine.name} ${engine.version} and "${earlier.path}" ${earlier.engine.version}, both as ${engine.label}; allowed: one release per label in every file`,
        );
      }
      if (earlier === undefined) byLabel.set(engine.label, { path, engine });
    }
  }
  const union = [...byLabel.values()].map(({ engine }) => engine);
  // Shards of one run keep its order, so they merge into that run exactly; jobs of one engine each go in a fixed order.
  const sameLists = records.every(({ record }) => record.plan.engines?.length === union.length);
  const order = (engine: EngineEntry) => ENGINE_NAMES.indexOf(engine.name);
  return sameLists
    ? union
    : union.sort((one, other) => order(one) - order(other) || compareVersions(one.version.replace(/^v/, ''), other.version.replace(/^v/, '')));
}

/** The merged command names every engine the files ran, as --engine values (node@22, bun@1.4). */
function withEngines(command: string, engines: readonly EngineEntry[] | undefined): string {
  if (engines === undefined) return command;
  return command.replace(/ --(?:engine|node)(?:=| )\S+/, ` --engine ${engines.map((engine) => engine.label.replace(' ', '@')).join(',')}`);
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

function withoutDerived<Fields extends object>(fields: Fields): Fields {
  const kept = { ...fields } as Record<string, unknown>;
  for (const field of DERIVED_FIELDS) delete kept[field];
  return kept as Fields;
}

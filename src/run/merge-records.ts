import { readFileSync } from 'node:fs';
import { DERIVED_FIELDS, SCHEMA_VERSION } from '../record/results-json.ts';
import { findPlanProblem, findResultsProblem, isFields } from '../record/check-record-shape.ts';
import { finishSegment } from '../record/segment.ts';
import { nameCell, type TrialResult } from '../record/trial-result.ts';
import { planTrials } from './plan-trials.ts';
import type { RunPlan, RunRecord, Segment } from '../record/run-record.ts';
import type { NodeVersionEntry } from '../node-versions/node-target.ts';
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
  const nodes = mergeNodes(records);
  const plan: RunPlan = { ...first.record.plan, concurrency: firstSegment.concurrency, shard: null, ...(nodes === undefined ? {} : { nodes }) };
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
    command: withNodes(withoutShard(first.record.command), nodes),
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

/** The plan without what may differ between shards of one run, or between the jobs of a CI matrix with one Node.js each. */
function describePlan(plan: RunPlan): string {
  return JSON.stringify({ ...plan, shard: null, concurrency: null, nodes: null });
}

/**
 * The Node.js versions of all the files, oldest major first: jobs that each ran one version (--node 22 in one job,
 * --node 24 in another) merge into one report across versions. A file without --node ran on its own harness's
 * Node.js, whose results name no version, so it cannot join them; one major must be one version in every file.
 * Shards of one run (each with every version) keep the run's order.
 */
function mergeNodes(records: readonly { path: string; record: RunRecord }[]): NodeVersionEntry[] | undefined {
  const without = records.find(({ record }) => record.plan.nodes === undefined);
  if (without === undefined) return unionNodes(records);
  if (records.every(({ record }) => record.plan.nodes === undefined)) return undefined;
  throw new MergeError(
    `merge file "${without.path}" ran without --node, and others with it; allowed: every file run with --node (one version per job is fine)`,
  );
}

function unionNodes(records: readonly { path: string; record: RunRecord }[]): NodeVersionEntry[] {
  const byLabel = new Map<string, { path: string; node: NodeVersionEntry }>();
  for (const { path, record } of records) {
    for (const node of record.plan.nodes ?? []) {
      const earlier = byLabel.get(node.label);
      if (earlier !== undefined && earlier.node.version !== node.version) {
        throw new MergeError(
          `merge file "${path}" ran Node.js ${node.version} and "${earlier.path}" ${earlier.node.version}, both as Node.js ${node.label}; allowed: one version per major in every file`,
        );
      }
      if (earlier === undefined) byLabel.set(node.label, { path, node });
    }
  }
  const union = [...byLabel.values()].map(({ node }) => node);
  // Shards of one run keep its order, so they merge into that run exactly; jobs of one version each go oldest first.
  const sameLists = records.every(({ record }) => record.plan.nodes?.length === union.length);
  return sameLists ? union : union.sort((one, other) => Number(one.label) - Number(other.label));
}

/** The merged command names every version the files ran. */
function withNodes(command: string, nodes: readonly NodeVersionEntry[] | undefined): string {
  if (nodes === undefined) return command;
  return command.replace(/ --node(?:=| )\S+/, ` --node ${nodes.map((node) => node.label).join(',')}`);
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

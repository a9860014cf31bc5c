import { readFileSync } from 'node:fs';
import { isKillStyleName } from '../kill-styles/kill-styles.ts';
import { PROBE_NAMES } from '../probes/probes.ts';
import { RUNTIME_NAMES } from '../runtime/runtime.ts';
import { ENGINE_NAMES, type EngineKey, labelOf } from '../engines/engine-target.ts';
import {
  BASELINE_VERSION,
  type Baseline,
  type BaselineCell,
  CLEANUP_RATES,
  type CycleGrowth,
  DEFAULT_LEFTOVER_GROWTH_TOLERANCE,
  type OutcomeCounts,
} from './baseline.ts';
import { CYCLE_GROWTH_NOTABLE_BYTES } from '../analysis/summarize-cycles.ts';
import { BaselineError, describeBadBaseline } from './baseline-error.ts';

/** Throws the one-line error for what is wrong with the file. */
type Fail = (problem: string, cause?: unknown) => never;
type Fields = Record<string, unknown>;

const OUTCOME_COUNTS: readonly (keyof OutcomeCounts)[] = ['trials', 'stopped', 'leaked', 'hung', 'errored'];

/**
 * Reads and checks a baseline before any trial runs, so a CI job with a broken or foreign file fails in a second
 * instead of after minutes of measuring; only what a check reads is kept.
 */
export function readBaseline(path: string): Baseline {
  const fail: Fail = (problem, cause) => {
    throw new BaselineError(describeBadBaseline('--check', path, problem), { cause });
  };
  const data = parseJson(readText(path, fail), fail);
  if (data.baselineVersion !== BASELINE_VERSION) fail(`has baselineVersion ${JSON.stringify(data.baselineVersion) ?? 'missing'}, not ${BASELINE_VERSION}`);
  if (!Array.isArray(data.cells)) fail(`has "cells" that is ${describeType(data.cells)}, not an array`);
  const cells = (data.cells as unknown[]).map((cell, index) => checkCell(cell, `cells[${index}]`, fail));
  // Absent in files written before growth was checked: they hold a run to the same leftovers, none more.
  const leftoverGrowthTolerance =
    data.leftoverGrowthTolerance === undefined ? DEFAULT_LEFTOVER_GROWTH_TOLERANCE : checkNumber(data.leftoverGrowthTolerance, 'leftoverGrowthTolerance', fail);
  // Absent in files written before cycles were checked: growth per cycle is held to what the report calls growing.
  const cycleGrowthToleranceBytes =
    data.cycleGrowthToleranceBytes === undefined ? CYCLE_GROWTH_NOTABLE_BYTES : checkNumber(data.cycleGrowthToleranceBytes, 'cycleGrowthToleranceBytes', fail);
  return {
    baselineVersion: BASELINE_VERSION,
    createdAt: String(data.createdAt),
    command: String(data.command),
    leftoverGrowthTolerance,
    cycleGrowthToleranceBytes,
    cells,
  };
}

function readText(path: string, fail: Fail): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    return fail(code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`, error);
  }
}

function parseJson(text: string, fail: Fail): Fields {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(`is not JSON (${error instanceof Error ? error.message : String(error)})`, error);
  }
  return isFields(data) ? data : fail(`holds ${describeType(data)}, not a baseline object`);
}

function checkCell(value: unknown, where: string, fail: Fail): BaselineCell {
  if (!isFields(value)) return fail(`has ${where} that is ${describeType(value)}, not an object`);
  const workload = typeof value.workload === 'string' && value.workload !== '' ? value.workload : fail(`has ${where}.workload that is not a name`);
  const kill = isKillStyleName(value.kill)
    ? value.kill
    : fail(`has ${where}.kill ${JSON.stringify(value.kill)}, not a kill style, preset or stop sequence (see --list)`);
  const runtime = checkName(value.runtime, RUNTIME_NAMES, `${where}.runtime`, fail);
  const identity = { workload, kill, runtime, ...checkEngine(value, where, fail) };
  if (value.outcome === 'not-applicable') return { ...identity, outcome: 'not-applicable' };
  return {
    ...identity,
    outcome: checkFields(value.outcome, OUTCOME_COUNTS, `${where}.outcome`, fail, checkNumber),
    leftovers: checkFields(value.leftovers, PROBE_NAMES, `${where}.leftovers`, fail, checkNumberOrNull),
    cleanupRan: checkName(value.cleanupRan, CLEANUP_RATES, `${where}.cleanupRan`, fail),
    stopMsMedian: checkNumberOrNull(value.stopMsMedian, `${where}.stopMsMedian`, fail),
    ...checkCycleGrowth(value.cycleGrowth, `${where}.cycleGrowth`, fail),
  };
}

/** A cell of a run given --cycles has its growth per cycle (null: no slope could be drawn); other cells have none. */
function checkCycleGrowth(value: unknown, where: string, fail: Fail): { cycleGrowth?: CycleGrowth | null } {
  if (value === undefined) return {};
  if (value === null) return { cycleGrowth: null };
  if (!isFields(value)) return fail(`has ${where} that is ${describeType(value)}, not an object or null`);
  const bytes = (key: keyof CycleGrowth) =>
    typeof value[key] === 'number' && Number.isFinite(value[key])
      ? value[key]
      : fail(`has ${where}.${key} ${JSON.stringify(value[key]) ?? 'missing'}, not a number of bytes`);
  return { cycleGrowth: { bytesPerCycle: bytes('bytesPerCycle'), lowerBytes: bytes('lowerBytes'), upperBytes: bytes('upperBytes') } };
}

/**
 * A cell of a run given --engine names its engine; a cell without one ran on the harness's own Node.js. Baselines
 * written before engines (a run given --node) name a Node.js major as `node`: that is the engine `node <major>`.
 */
function checkEngine(cell: Fields, where: string, fail: Fail): { engine?: EngineKey } {
  const { engine, node } = cell;
  if (engine === undefined && node === undefined) return {};
  if (engine === undefined) {
    if (typeof node === 'string' && /^\d+$/.test(node)) return { engine: { name: 'node', version: node, label: labelOf('node', node) } };
    return fail(`has ${where}.node ${JSON.stringify(node)}, not a Node.js major version such as "22"`);
  }
  if (isFields(engine) && (ENGINE_NAMES as readonly unknown[]).includes(engine.name) && typeof engine.version === 'string' && typeof engine.label === 'string')
    return { engine: { name: engine.name as EngineKey['name'], version: engine.version, label: engine.label } };
  return fail(`has ${where}.engine ${JSON.stringify(engine)}, not an engine such as { "name": "bun", "version": "1.4.5", "label": "bun 1.4" }`);
}

function checkName<Name extends string>(value: unknown, allowed: readonly Name[], where: string, fail: Fail): Name {
  if ((allowed as readonly unknown[]).includes(value)) return value as Name;
  return fail(`has ${where} ${JSON.stringify(value)}, not one of ${allowed.join(', ')}`);
}

/** An object with every one of `keys`, each checked by `checkValue`; other keys are dropped. */
function checkFields<Key extends string, Value>(
  value: unknown,
  keys: readonly Key[],
  where: string,
  fail: Fail,
  checkValue: (field: unknown, where: string, fail: Fail) => Value,
): Record<Key, Value> {
  if (!isFields(value)) return fail(`has ${where} that is ${describeType(value)}, not an object`);
  return Object.fromEntries(keys.map((key) => [key, checkValue(value[key], `${where}.${key}`, fail)])) as Record<Key, Value>;
}

/** A probe's maximum or a median may be null: "not measured" (or "none stopped") is an expectation too. */
function checkNumberOrNull(value: unknown, where: string, fail: Fail): number | null {
  return value === null ? null : checkNumber(value, where, fail);
}

function checkNumber(value: unknown, where: string, fail: Fail): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value
    : fail(`has ${where} ${JSON.stringify(value) ?? 'missing'}, not a non-negative number`);
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

import type { Workload } from './define-workload.ts';

type Check = (value: unknown) => boolean;

const isFunction: Check = (value) => typeof value === 'function';
const isBoolean: Check = (value) => typeof value === 'boolean';
const isName: Check = (value) => typeof value === 'string' && value.trim() !== '' && !/[\r\n]/.test(value);

/** What defineWorkload's argument must hold, field by field: required ones, then optional ones (absent is fine). */
const REQUIRED: readonly [keyof Workload, Check, string][] = [
  ['name', isName, 'a non-empty one-line string'],
  ['description', (value) => typeof value === 'string', 'a string'],
  ['run', isFunction, 'a function'],
];
const OPTIONAL: readonly [keyof Workload, Check, string][] = [
  ['criticalSections', (value) => Array.isArray(value) && value.every(isName), 'an array of section names'],
  ['unavailable', isFunction, 'a function'],
  ['verify', isFunction, 'a function'],
  ['checkSharedMemory', isFunction, 'a function'],
  ['receivesStopRequest', isBoolean, 'true or false'],
  ['readsCommands', isBoolean, 'true or false'],
  ['reportsCleanup', isBoolean, 'true or false'],
];

/**
 * Why a workload made with defineWorkload() (from JavaScript, where no compiler checked it) cannot run: the first
 * field of the wrong type (`name is missing; allowed: …`), with its value and what it must be; null when every field fits.
 */
export function findShapeProblem(workload: Workload): string | null {
  const fields = workload as unknown as Record<string, unknown>;
  for (const [key, check, allowed] of REQUIRED) if (!check(fields[key])) return describeField(key, fields[key], allowed);
  for (const [key, check, allowed] of OPTIONAL) if (fields[key] !== undefined && !check(fields[key])) return describeField(key, fields[key], allowed);
  return null;
}

function describeField(key: string, value: unknown, allowed: string): string {
  const shown = typeof value === 'function' ? 'a function' : (JSON.stringify(value) ?? String(value));
  return `${key} is ${value === undefined ? 'missing' : shown}; allowed: ${allowed}`;
}

import { describeBadValue, UsageError } from '../errors/usage-error.ts';
import { ENGINE_NAMES, type EngineName } from './engine-target.ts';

/** One --engine value, read: an engine with a release (null: this Node.js for `node`, the newest release for Bun and Deno), or a binary's path. */
export type EngineSpec =
  | { readonly kind: 'release'; readonly requested: string; readonly name: EngineName; readonly version: string | null }
  | { readonly kind: 'path'; readonly requested: string; readonly path: string };

const VERSION = /^v?\d+(\.\d+){0,2}$/;
const ALLOWED =
  'allowed: node (this Node.js), node@22, bun, bun@1.4, deno, deno@2.9 (a release from the npm registry: a major, major.minor or full version), or a path to a node, bun or deno binary (./bin/bun)';

/**
 * Reads an --engine value without touching the network or the disk, so that a typo is refused before anything is
 * installed. A bare version ("22") is what --node takes: a Node.js release.
 */
export function parseEngineSpec(value: string, flag = '--engine'): EngineSpec {
  if (value.includes('/')) return { kind: 'path', requested: value, path: value };
  if (VERSION.test(value)) return { kind: 'release', requested: value, name: 'node', version: value.replace(/^v/, '') };
  const [name = '', version, ...rest] = value.split('@');
  if (!(ENGINE_NAMES as readonly string[]).includes(name) || rest.length > 0) throw new UsageError(describeBadValue(`${flag} value`, value, ALLOWED));
  if (version !== undefined && !VERSION.test(version)) throw new UsageError(describeBadValue(`${flag} value`, value, ALLOWED));
  return { kind: 'release', requested: value, name: name as EngineName, version: version === undefined ? null : version.replace(/^v/, '') };
}

/** --node's values as --engine's: a version is a Node.js release, a path a binary. */
export function parseNodeSpec(value: string): EngineSpec {
  if (!value.includes('/') && !VERSION.test(value))
    throw new UsageError(describeBadValue('--node value', value, 'allowed: a version (20, 22.23.5) or a path to a node binary (./node22/bin/node)'));
  return parseEngineSpec(value, '--node');
}

import type { EngineLibraries } from './engine-libraries.ts';

/** The JavaScript engines a host can run on: each implements node:worker_threads and node:child_process its own way. */
export const ENGINE_NAMES = ['node', 'bun', 'deno'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** How the harness found an engine's binary: the Node.js running it, a registry package it installed, or a path the user gave. */
export type EngineSource = 'running' | 'registry' | 'path';

/**
 * The engine a trial's host ran on, as each result of a run given --engine (or --node) carries it. `label` is the
 * matrix's key ("node 22", "bun 1.4", "deno 2.9"): a cell, a baseline entry and a shard are keyed by it.
 */
export interface EngineKey {
  readonly name: EngineName;
  /** As the binary itself reported it: "v22.23.5" (process.version) for Node.js, "1.4.5" for Bun, "2.9.6" for Deno. */
  readonly version: string;
  readonly label: string;
}

/** One engine binary a run's hosts may run on, as the harness found it. */
export interface EngineBinary extends EngineKey {
  /** What --engine (or --node) said: "bun@1.4", "22", a path. */
  readonly requested: string;
  /** Node.js's process.versions.modules, the ABI a native addon must be built for; null for Bun and Deno, which load none built for Node.js here. */
  readonly modules: string | null;
  readonly source: EngineSource;
  readonly execPath: string;
  /** The folder holding include/node (the C headers native addons build against), or null when none is next to the binary. */
  readonly headersDir: string | null;
}

/** An engine as the run record keeps it: no machine-specific path, and the workloads that cannot run on it. */
export interface EngineEntry extends Pick<EngineBinary, 'requested' | 'name' | 'label' | 'version' | 'modules' | 'source'> {
  /** Per workload name, why it cannot run on this engine (an addon that could not be built for it, a module it lacks). */
  readonly unavailable: Readonly<Record<string, string>>;
  /** What the thread and process adapters started and stopped the work with there: tinypool and execa, or the engine's own node: API, and why. */
  readonly libraries: EngineLibraries;
}

/** An engine the run starts hosts on: its binary, and the environment its hosts get (where its native addons and caches are). */
export interface EngineTarget extends EngineEntry {
  readonly execPath: string;
  readonly hostEnv: Readonly<Record<string, string>>;
}

/** The record's entry for a target: everything but what is only valid on this machine. */
export function toEngineEntry({ execPath: _execPath, hostEnv: _hostEnv, ...entry }: EngineTarget): EngineEntry {
  return entry;
}

/** What each result of the engine carries. */
export function toEngineKey({ name, version, label }: EngineKey): EngineKey {
  return { name, version, label };
}

const ENGINE_TITLES: Readonly<Record<EngineName, string>> = { node: 'Node.js', bun: 'Bun', deno: 'Deno' };

/** "Node.js 22.23.5", "Bun 1.4.5": how the report and progress lines name an engine's release. */
export function describeEngine(entry: Pick<EngineKey, 'name' | 'version'>): string {
  return `${ENGINE_TITLES[entry.name]} ${entry.version.replace(/^v/, '')}`;
}

/** "Node.js", "Bun", "Deno". */
export function titleOf(name: EngineName): string {
  return ENGINE_TITLES[name];
}

/**
 * The matrix's key of a release: its major for Node.js ("node 22", one release line per major), its major and minor
 * for Bun and Deno ("bun 1.4"), whose minors are their release lines.
 */
export function labelOf(name: EngineName, version: string): string {
  const parts = version.replace(/^v/, '').split('.');
  return `${name} ${(name === 'node' ? parts.slice(0, 1) : parts.slice(0, 2)).join('.')}`;
}

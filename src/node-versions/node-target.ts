/** How the harness found a Node.js binary: the one running it, a registry package it installed, or a path the user gave. */
export type NodeSource = 'running' | 'registry' | 'path';

/** One Node.js binary a run's hosts may run on, as the harness found it. */
export interface NodeBinary {
  /** What --node said: a version ("22") or a path. */
  readonly requested: string;
  /** The major version: the matrix's key for this Node.js, in every result, cell and baseline entry. */
  readonly label: string;
  /** process.version as the binary itself reported it, e.g. "v22.23.5". */
  readonly version: string;
  /** process.versions.modules: the ABI a native addon must be built for. */
  readonly modules: string;
  readonly source: NodeSource;
  readonly execPath: string;
  /** The folder holding include/node (the C headers native addons build against), or null when none is next to the binary. */
  readonly headersDir: string | null;
}

/** A Node.js as the run record keeps it: no machine-specific path, and the workloads that cannot run on it. */
export interface NodeVersionEntry extends Pick<NodeBinary, 'requested' | 'label' | 'version' | 'modules' | 'source'> {
  /** Per workload name, why it cannot run on this Node.js (an addon that could not be built for it, say). */
  readonly unavailable: Readonly<Record<string, string>>;
}

/** A Node.js the run starts hosts on: its binary, and the environment its hosts get (where its native addons are). */
export interface NodeTarget extends NodeVersionEntry {
  readonly execPath: string;
  readonly hostEnv: Readonly<Record<string, string>>;
}

/** The record's entry for a target: everything but what is only valid on this machine. */
export function toNodeVersionEntry({ execPath: _execPath, hostEnv: _hostEnv, ...entry }: NodeTarget): NodeVersionEntry {
  return entry;
}

/** "Node.js 22.23.5", as the report and progress lines name a version. */
export function describeNode(entry: Pick<NodeVersionEntry, 'version'>): string {
  return `Node.js ${entry.version.replace(/^v/, '')}`;
}

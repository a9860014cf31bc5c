import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { describeBadValue, UsageError } from '../errors/usage-error.ts';
import { findRelease, installedNodeDir, installRelease, OLDEST_MAJOR } from './node-registry.ts';
import { firstErrorLine } from '../errors/command-error.ts';
import type { NodeBinary, NodeSource } from './node-target.ts';

/** What a binary says of itself when asked. */
interface SelfReport {
  readonly version: string;
  readonly modules: string;
}

const VERSION_SPEC = /^v?\d+(\.\d+){0,2}$/;
const ASK_TIMEOUT_MS = 15_000;

/**
 * Turns each --node value into a binary the hosts can run: the running Node.js when the version is its own, a path as
 * given, or a release from the npm registry, installed into the cache on first use. Every binary is asked its own
 * version; two of the same major would be one key of the matrix twice, and are refused.
 */
export async function resolveNodeBinaries(values: readonly string[], signal?: AbortSignal): Promise<NodeBinary[]> {
  const binaries: NodeBinary[] = [];
  for (const value of values) binaries.push(await resolveNodeBinary(value, signal));
  const seen = new Map<string, string>();
  for (const binary of binaries) {
    const earlier = seen.get(binary.label);
    if (earlier !== undefined) {
      throw new UsageError(
        describeBadValue(
          '--node list',
          values.join(','),
          `${earlier} and ${binary.requested} are both Node.js ${binary.label}; give one binary per major version`,
        ),
      );
    }
    seen.set(binary.label, binary.requested);
  }
  return binaries;
}

async function resolveNodeBinary(value: string, signal?: AbortSignal): Promise<NodeBinary> {
  if (value.includes('/')) return describeBinary(value, resolve(value), 'path');
  if (!VERSION_SPEC.test(value)) {
    throw new UsageError(describeBadValue('--node value', value, 'allowed: a version (20, 22.23.5) or a path to a node binary (./node22/bin/node)'));
  }
  const spec = value.replace(/^v/, '');
  if (Number(spec.split('.')[0]) < OLDEST_MAJOR)
    throw new UsageError(describeBadValue('--node value', value, `the hosts need Node.js ${OLDEST_MAJOR} or newer`));
  if (matchesRunning(spec)) return describeBinary(value, process.execPath, 'running');
  const version = await findRelease(spec, signal);
  const installed = installedNodeDir(version);
  const folder = existsSync(join(installed, 'bin', 'node')) ? installed : await installRelease(version, signal);
  return describeBinary(value, join(folder, 'bin', 'node'), 'registry');
}

function matchesRunning(spec: string): boolean {
  const running = process.version.replace(/^v/, '');
  return running === spec || running.startsWith(`${spec}.`);
}

async function describeBinary(requested: string, execPath: string, source: NodeSource): Promise<NodeBinary> {
  checkExecutable(requested, execPath);
  const { version, modules } = await askVersion(requested, execPath);
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (major < OLDEST_MAJOR)
    throw new UsageError(describeBadValue('--node value', requested, `it is Node.js ${version}, and the hosts need ${OLDEST_MAJOR} or newer`));
  return { requested, label: String(major), version, modules, source, execPath, headersDir: findHeaders(execPath) };
}

function checkExecutable(requested: string, path: string): void {
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.X_OK);
  } catch (error) {
    throw new UsageError(
      describeBadValue('--node value', requested, `give a version (22) or the path of an executable node binary (${path}: ${firstErrorLine(error)})`),
    );
  }
}

async function askVersion(requested: string, execPath: string): Promise<SelfReport> {
  try {
    const { stdout } = await execa(
      execPath,
      ['-p', 'JSON.stringify({ version: process.version, modules: process.versions.modules, name: process.release.name })'],
      {
        timeout: ASK_TIMEOUT_MS,
        env: { NODE_OPTIONS: '' },
      },
    );
    const answer = JSON.parse(stdout) as SelfReport & { name?: string };
    if (answer.name !== 'node') throw new Error(`it says it is ${answer.name ?? 'nothing known'}`);
    return { version: answer.version, modules: answer.modules };
  } catch (error) {
    throw new UsageError(describeBadValue('--node value', requested, `${execPath} did not answer as a Node.js binary: ${firstErrorLine(error)}`));
  }
}

/** The Node.js install folder holding include/node next to bin/node, as official builds and the registry's packages lay it out. */
function findHeaders(execPath: string): string | null {
  const root = dirname(dirname(execPath));
  return existsSync(join(root, 'include', 'node', 'node_api.h')) ? root : null;
}

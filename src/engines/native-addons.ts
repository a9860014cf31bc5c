import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { execa } from 'execa';
import { SQLITE_BINDING_VARIABLE, SQLITE_PACKAGE } from '../workloads/sqlite-driver.ts';
import { cacheRoot, makePartialFolder } from './engine-cache.ts';

import { firstErrorLine } from '../errors/command-error.ts';
import type { EngineBinary } from './engine-target.ts';

const require = createRequire(import.meta.url);
/** A from-source build of better-sqlite3 takes about a minute on 2 cores; ten is a build that is stuck. */
const BUILD_TIMEOUT_MS = 600_000;

/** Where a Node.js's hosts find their native addons, or why one could not be had for it. */
export interface NativeAddons {
  readonly hostEnv: Readonly<Record<string, string>>;
  /** Why better-sqlite3 cannot be loaded on this Node.js; null when it can, or when it is not installed at all (the workload says so itself). */
  readonly sqliteUnavailable: string | null;
}

/** Called before a build starts, which takes a while: the user is told what is built and where it is kept. */
export type OnBuild = (what: string) => void;

/**
 * better-sqlite3 is built for one ABI: the installed copy serves the running Node.js's. For another ABI it is built
 * once from the installed package's own sources against that Node.js's headers (node-gyp, offline) and kept in the
 * cache; its hosts are told where through SQLITE_BINDING_VARIABLE, which the workload hands to better-sqlite3.
 */
export async function prepareNativeAddons(binary: EngineBinary, onBuild: OnBuild, signal?: AbortSignal): Promise<NativeAddons> {
  const packageDir = findInstalledPackage();
  if (packageDir === null || binary.modules === process.versions.modules) return { hostEnv: {}, sqliteUnavailable: null };
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const binding = join(
    cacheRoot(),
    'addons',
    `${SQLITE_PACKAGE}-${version}`,
    `abi${binary.modules}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
  if (existsSync(binding)) return { hostEnv: { [SQLITE_BINDING_VARIABLE]: binding }, sqliteUnavailable: null };
  const cannot = (why: string) => ({
    hostEnv: {},
    sqliteUnavailable: `${SQLITE_PACKAGE} ${version} could not be built for Node.js ${binary.version} (ABI ${binary.modules}): ${why}`,
  });
  if (binary.headersDir === null) return cannot(`no C headers (include/node) next to ${binary.execPath} to build against`);
  onBuild(`${SQLITE_PACKAGE} ${version} for Node.js ${binary.version} (ABI ${binary.modules}), once; kept in ${dirname(binding)}`);
  try {
    await buildBinding(packageDir, binary, binding, signal);
    return { hostEnv: { [SQLITE_BINDING_VARIABLE]: binding }, sqliteUnavailable: null };
  } catch (error) {
    if (signal?.aborted) throw error;
    return cannot(describeBuildError(error));
  }
}

/** node-gyp's own error lines ("gyp ERR! …"), which say why, in place of its chatter; else the first line of the error. */
function describeBuildError(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr ?? '';
  const reasons = stderr
    .split('\n')
    .filter((line) => line.startsWith('gyp ERR!') && !/gyp ERR! (cwd|node -v|node-gyp -v|not ok|command|System|stack)/.test(line));
  return reasons.length > 0 ? reasons.slice(0, 3).join('; ') : firstErrorLine(error);
}

function findInstalledPackage(): string | null {
  try {
    return dirname(require.resolve(`${SQLITE_PACKAGE}/package.json`));
  } catch {
    return null;
  }
}

/**
 * Builds in a copy of the package beside the cache entry, loads the result in the Node.js it is for, and only then
 * moves it into place: an interrupted build, or one that does not load there, never looks built.
 */
async function buildBinding(packageDir: string, binary: EngineBinary, binding: string, signal?: AbortSignal): Promise<void> {
  mkdirSync(dirname(binding), { recursive: true });
  const work = makePartialFolder(dirname(dirname(binding)));
  try {
    // The sources only: not the running Node.js's build, nor the package's own dependencies (bindings, which stays put).
    const isSource = (path: string) => !/^(build|node_modules)(\/|$)/.test(relative(packageDir, path));
    cpSync(packageDir, work, { recursive: true, filter: isSource });
    const gyp = findNodeGyp();
    await execa(gyp.file, [...gyp.args, 'rebuild', '--release', `--nodedir=${binary.headersDir ?? ''}`], {
      cwd: work,
      cancelSignal: signal,
      timeout: BUILD_TIMEOUT_MS,
      // The compiler's temp files go in the build's own folder, removed with it, never in a temp folder others watch.
      env: { ...withoutNpmConfig(process.env), TMPDIR: work },
      extendEnv: false,
    });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    await execa(binary.execPath, ['-e', `require(${JSON.stringify(built)})`], { cancelSignal: signal, timeout: BUILD_TIMEOUT_MS });
    renameSync(built, binding);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The environment without npm's settings: under `npm run` or `npx`, npm exports its config (a user's `nodedir`, say)
 * as npm_config_* variables, and node-gyp would build against those headers instead of the ones it is given.
 */
function withoutNpmConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.toLowerCase().startsWith('npm_config_')));
}

/** npm's own node-gyp (npm bundles one); npx fetches it from the registry where npm's cannot be found. */
function findNodeGyp(): { file: string; args: string[] } {
  const npmCli = [process.env.npm_execpath, whichNpm()].find((path) => path !== undefined && path.endsWith('npm-cli.js'));
  const bundled = npmCli === undefined ? null : join(dirname(dirname(npmCli)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (bundled !== null && existsSync(bundled)) return { file: process.execPath, args: [bundled] };
  return { file: 'npx', args: ['--yes', 'node-gyp'] };
}

function whichNpm(): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    const candidate = join(folder, 'npm');
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  return undefined;
}

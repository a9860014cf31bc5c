import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { describeBadValue, UsageError } from '../errors/usage-error.ts';
import { firstErrorLine } from '../errors/command-error.ts';
import { compiledEntry } from '../runtime/compiled-entry.ts';
import { scriptCommand } from './engine-command.ts';
import { ENGINE_PACKAGES, findRelease, installedBinary, installRelease } from './engine-registry.ts';
import type { EngineSpec } from './engine-spec.ts';
import { ENGINE_NAMES, type EngineBinary, type EngineName, type EngineSource, labelOf, titleOf } from './engine-target.ts';

/** What a binary says of itself when asked. */
interface SelfReport {
  readonly name: EngineName;
  readonly version: string;
  readonly modules: string | null;
}

const identifyEntry = compiledEntry('./identify-entry.ts', import.meta.url);
const ASK_TIMEOUT_MS = 15_000;

/**
 * Turns each --engine value into a binary the hosts can run: the running Node.js for `node` (or its own version), a
 * path as given, or a release from the npm registry, installed into the cache on first use. Every binary is asked
 * which engine it is and its release; two of one label ("bun 1.4") would be one key of the matrix twice, and are refused.
 */
export async function resolveEngineBinaries(specs: readonly EngineSpec[], flag: string, signal?: AbortSignal): Promise<EngineBinary[]> {
  const binaries: EngineBinary[] = [];
  for (const spec of specs) binaries.push(await resolveEngineBinary(spec, flag, signal));
  const seen = new Map<string, string>();
  for (const binary of binaries) {
    const earlier = seen.get(binary.label);
    if (earlier !== undefined) {
      const list = specs.map((spec) => spec.requested).join(',');
      throw new UsageError(
        describeBadValue(`${flag} list`, list, `${earlier} and ${binary.requested} are both ${binary.label}; give one binary per release line`),
      );
    }
    seen.set(binary.label, binary.requested);
  }
  return binaries;
}

async function resolveEngineBinary(spec: EngineSpec, flag: string, signal?: AbortSignal): Promise<EngineBinary> {
  if (spec.kind === 'path') return describeBinary(spec.requested, resolve(spec.path), 'path', flag);
  const { name, version, requested } = spec;
  const { oldestMajor } = ENGINE_PACKAGES[name];
  if (version !== null && Number(version.split('.')[0]) < oldestMajor)
    throw new UsageError(describeBadValue(`${flag} value`, requested, `the hosts need ${titleOf(name)} ${oldestMajor} or newer`));
  if (name === 'node' && matchesRunning(version)) return describeBinary(requested, process.execPath, 'running', flag);
  // A full version already in the cache needs no registry; a release line asks it for its newest release.
  const release =
    version !== null && version.split('.').length === 3 && existsSync(installedBinary(name, withPrefix(name, version)))
      ? withPrefix(name, version)
      : await findRelease(name, version, { flag, requested }, signal);
  const installed = installedBinary(name, release);
  const binary = existsSync(installed) ? installed : await installRelease(name, release, flag, signal);
  return describeBinary(requested, binary, 'registry', flag, name);
}

function withPrefix(name: EngineName, version: string): string {
  return name === 'node' ? `v${version}` : version;
}

/** `node` alone is this Node.js; a version is when it is this Node.js's own. */
function matchesRunning(spec: string | null): boolean {
  const running = process.version.replace(/^v/, '');
  return spec === null || running === spec || running.startsWith(`${spec}.`);
}

async function describeBinary(requested: string, execPath: string, source: EngineSource, flag: string, expected?: EngineName): Promise<EngineBinary> {
  checkExecutable(requested, execPath, flag);
  const { name, version, modules } = await askEngine(requested, execPath, flag);
  if (expected !== undefined && name !== expected)
    throw new UsageError(describeBadValue(`${flag} value`, requested, `${execPath} says it is ${name}, not ${expected}`));
  const { oldestMajor } = ENGINE_PACKAGES[name];
  if (Number(version.replace(/^v/, '').split('.')[0]) < oldestMajor)
    throw new UsageError(describeBadValue(`${flag} value`, requested, `it is ${titleOf(name)} ${version}, and the hosts need ${oldestMajor} or newer`));
  return { requested, name, version, label: labelOf(name, version), modules, source, execPath, headersDir: name === 'node' ? findHeaders(execPath) : null };
}

function checkExecutable(requested: string, path: string, flag: string): void {
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.X_OK);
  } catch (error) {
    throw new UsageError(
      describeBadValue(
        `${flag} value`,
        requested,
        `give an engine (node, bun@1.4) or the path of an executable node, bun or deno binary (${path}: ${firstErrorLine(error)})`,
      ),
    );
  }
}

/**
 * Which engine the binary is, from its --version line (Node.js prints "v22.23.5", Deno "deno 2.9.6 (…)", Bun
 * "1.4.5"), then its own answer from inside, run as that engine runs a script: a binary that answers otherwise is refused.
 */
async function askEngine(requested: string, execPath: string, flag: string): Promise<SelfReport> {
  try {
    const { stdout: versionLine } = await execa(execPath, ['--version'], { timeout: ASK_TIMEOUT_MS, env: { NODE_OPTIONS: '', NO_COLOR: '1' } });
    const guess: EngineName = versionLine.startsWith('deno ') ? 'deno' : versionLine.startsWith('v') ? 'node' : 'bun';
    const { file, args } = scriptCommand(guess, execPath, identifyEntry);
    const { stdout } = await execa(file, args, { timeout: ASK_TIMEOUT_MS, env: { NODE_OPTIONS: '', NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } });
    const answer = JSON.parse(stdout) as Partial<SelfReport>;
    if (answer.name !== guess || !(ENGINE_NAMES as readonly unknown[]).includes(answer.name) || typeof answer.version !== 'string')
      throw new Error(`it says it is ${String(answer.name ?? 'nothing known')}`);
    return { name: answer.name, version: answer.version, modules: answer.modules ?? null };
  } catch (error) {
    throw new UsageError(describeBadValue(`${flag} value`, requested, `${execPath} did not answer as a node, bun or deno binary: ${firstErrorLine(error)}`));
  }
}

/** The Node.js install folder holding include/node next to bin/node, as official builds and the registry's packages lay it out. */
function findHeaders(execPath: string): string | null {
  const root = dirname(dirname(execPath));
  return existsSync(join(root, 'include', 'node', 'node_api.h')) ? root : null;
}

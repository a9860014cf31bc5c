import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { describeProcessDiscovery } from '../process-family/describe-discovery.ts';
import type { Environment } from './run-record.ts';

/** The packages whose stopping behaviour the harness measures; their versions belong in every report. */
const MEASURED_PACKAGES = ['tinypool', 'execa', 'tree-kill', 'tmp'] as const;

/** Two levels up from this file in both `src/report` and `dist/report`. */
const PROJECT_PACKAGE_JSON = new URL('../../package.json', import.meta.url);

/** Reads the machine and the installed packages at run time, so a report never describes a machine from memory. */
export function collectEnvironment(): Environment {
  return {
    node: process.version,
    os: readOsName(),
    kernel: release(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    packages: Object.fromEntries(MEASURED_PACKAGES.map((name) => [name, readInstalledVersion(name)])),
    processDiscovery: describeProcessDiscovery(),
  };
}

/** The harness's own version, so a report names the code that produced it. */
export function readHarnessVersion(): string {
  return readVersion(PROJECT_PACKAGE_JSON) ?? 'unknown';
}

/** os.type() only says "Linux"; the distribution's name is in /etc/os-release. */
function readOsName(): string {
  try {
    const line = readFileSync('/etc/os-release', 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith('PRETTY_NAME='));
    const name = line?.slice('PRETTY_NAME='.length).replace(/^"(.*)"$/, '$1');
    return name === undefined || name === '' ? type() : name;
  } catch {
    return type();
  }
}

/**
 * Walks the same node_modules folders Node's resolution would, and reads package.json by path:
 * execa does not export ./package.json, so it cannot be imported or required.
 */
function readInstalledVersion(name: string): string {
  const folders = createRequire(import.meta.url).resolve.paths(name) ?? [];
  for (const folder of folders) {
    const version = readVersion(join(folder, name, 'package.json'));
    if (version !== null) return version;
  }
  return 'not installed';
}

function readVersion(packageJson: string | URL): string | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(packageJson, 'utf8'));
    const version = typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : null;
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

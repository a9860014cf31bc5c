import { readFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { collectEnvironment, readHarnessVersion } from '../../src/record/collect-environment.ts';

function readPackageJson(path: string): { version: string } {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
}

describe('collectEnvironment', () => {
  const environment = collectEnvironment();

  it('reads this machine at run time', () => {
    expect(environment.node).toBe(process.version);
    expect(environment.kernel).toBe(release());
    expect(environment.cores).toBe(availableParallelism());
    expect(environment.memoryBytes).toBe(totalmem());
    expect(environment.os).not.toBe('');
    expect(environment.cpu).not.toBe('');
  });

  it('reads the installed versions of the measured packages, including ones that do not export package.json', () => {
    expect(Object.keys(environment.packages)).toEqual(['tinypool', 'execa', 'tree-kill', 'tmp']);
    for (const name of Object.keys(environment.packages)) {
      expect(environment.packages[name]).toBe(readPackageJson(`../../node_modules/${name}/package.json`).version);
    }
  });
});

describe('readHarnessVersion', () => {
  it("is the project's own package.json version", () => {
    expect(readHarnessVersion()).toBe(readPackageJson('../../package.json').version);
  });
});

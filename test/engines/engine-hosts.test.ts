import { readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';
import { parseEngineSpec } from '../../src/engines/engine-spec.ts';
import { prepareEngineTargets } from '../../src/engines/prepare-engine-targets.ts';
import type { EngineTarget } from '../../src/engines/engine-target.ts';
import { UsageError } from '../../src/errors/usage-error.ts';
import type { StoppedTrial, TrialResult } from '../../src/record/trial-result.ts';
import { resolveWorkloads } from '../../src/run/resolve-workloads.ts';
import { runHarness } from '../../src/run/run-harness.ts';
import { retireHost, startHost } from '../../src/trial/host-process.ts';

const fixture = fileURLToPath(new URL('../fixtures/workloads/reports-node-version.ts', import.meta.url));
const noBuilds = (what: string) => {
  throw new Error(`no build expected here, got: ${what}`);
};
// Pinned release lines: what each engine does with a stop is what these tests hold it to.
const SPECS = ['node', 'bun@1.4', 'deno@2.9'].map((value) => parseEngineSpec(value));
let targets: Promise<EngineTarget[]> | undefined;
/** Bun and Deno come from the npm registry into the test run's own cache (see test/setup/global-setup.ts), once per run. */
const prepareTargets = async (workloads: Parameters<typeof prepareEngineTargets>[1]) => {
  targets ??= prepareEngineTargets(SPECS, [], noBuilds);
  await targets;
  return prepareEngineTargets(SPECS, workloads, noBuilds);
};
const row = (result: TrialResult) => [result.engine?.label, result.workload, result.kill, result.runtime, result.outcome];

describe('hosts on Bun and Deno beside Node.js', { timeout: 300_000 }, () => {
  it('installs each engine from the registry, asks it its release, and runs a few cells on each, keyed by engine', async () => {
    const workloads = await resolveWorkloads([fixture, 'cpu-loop']);
    const engines = await prepareTargets(workloads);
    expect(engines.map((engine) => [engine.name, engine.label, engine.source])).toEqual([
      ['node', `node ${process.versions.node.split('.')[0]}`, 'running'],
      ['bun', 'bun 1.4', 'registry'],
      ['deno', 'deno 2.9', 'registry'],
    ]);
    expect(engines[2]?.libraries.thread.library).toBe('node:worker_threads');
    const record = await runHarness({
      ...DEFAULTS,
      runtimes: ['thread', 'process'],
      kills: ['abort', 'terminate', 'sigkill'],
      workloads,
      engines,
      trials: 1,
      seed: 7,
      shard: null,
      concurrency: 2,
      command: 'test',
    });
    const ran = record.results.filter((result) => result.outcome !== 'not-applicable');
    expect(ran.every((result) => engines.some((engine) => engine.version === result.engine?.version && engine.name === result.engine.name))).toBe(true);
    // Each trial's host, worker and child ran on its engine: the workload says which binary ran it (a TypeScript module,
    // which Bun and Deno load themselves).
    for (const engine of engines) {
      const cleanups = ran.filter((result) => result.engine?.label === engine.label && result.workload === 'reports-node-version' && result.kill === 'abort');
      expect(cleanups.map((result) => (result as StoppedTrial).cleanupSteps[0]?.split(' ')[1])).toEqual([engine.execPath, engine.execPath]);
    }
    const cpuLoop = ran.filter((result) => result.workload === 'cpu-loop').map(row);
    // Deno's terminate() does not end a worker in a synchronous loop (denoland/deno#35657): the stop hangs there.
    expect(cpuLoop).toEqual(
      expect.arrayContaining([
        [engines[0]?.label, 'cpu-loop', 'terminate', 'thread', 'stopped'],
        ['bun 1.4', 'cpu-loop', 'terminate', 'thread', 'stopped'],
        ['deno 2.9', 'cpu-loop', 'terminate', 'thread', 'hung'],
        ['bun 1.4', 'cpu-loop', 'sigkill', 'process', 'stopped'],
        ['deno 2.9', 'cpu-loop', 'sigkill', 'process', 'stopped'],
        ['deno 2.9', 'cpu-loop', 'abort', 'process', 'stopped'],
        ['deno 2.9', 'cpu-loop', 'abort', 'thread', 'stopped'],
      ]),
    );
    // What Deno's worker machinery keeps open after any worker ended is listed as the engine's own, counted nowhere.
    const denoThread = ran.find((result) => result.engine?.name === 'deno' && result.kill === 'abort' && result.runtime === 'thread') as StoppedTrial;
    expect(denoThread.leftovers.fds?.total).toBe(0);
    expect(denoThread.leftovers.fds?.engineOwn).toEqual(expect.arrayContaining([expect.stringMatching(/^host \d+ -> anon_inode:\[event(fd|poll)\]$/)]));
  });

  it("runs the SQLite workload on each engine's own SQLite: bun:sqlite on Bun, node:sqlite on Deno", async () => {
    const workloads = await resolveWorkloads(['sqlite-transaction']);
    const engines = (await prepareTargets(workloads)).slice(1);
    expect(engines.map((engine) => engine.unavailable)).toEqual([{}, {}]);
    const record = await runHarness({
      ...DEFAULTS,
      runtimes: ['thread', 'process'],
      kills: ['abort'],
      workloads,
      engines,
      trials: 1,
      seed: 5,
      shard: null,
      command: 'test',
    });
    expect(record.results.map((result) => [...row(result), (result as StoppedTrial).integrity?.missing])).toEqual([
      ['bun 1.4', 'sqlite-transaction', 'abort', 'thread', 'stopped', 0],
      ['bun 1.4', 'sqlite-transaction', 'abort', 'process', 'stopped', 0],
      ['deno 2.9', 'sqlite-transaction', 'abort', 'thread', expect.stringMatching(/stopped|leaked/), 0],
      ['deno 2.9', 'sqlite-transaction', 'abort', 'process', 'stopped', 0],
    ]);
  });

  it('starts a host that is the engine binary, reports its engine and release, and contains its trials as subreaper', async () => {
    for (const engine of (await prepareTargets([])).slice(1)) {
      const host = startHost(`engine-hosts-test-${engine.name}`, 'thread', engine);
      try {
        const ready = await host.waitFor(['host-ready'], 15_000);
        expect(ready).toMatchObject({ type: 'host-ready', engine: { name: engine.name, version: engine.version }, containment: { subreaper: true } });
        expect(readlinkSync(`/proc/${host.pid}/exe`)).toBe(engine.execPath);
      } finally {
        await retireHost(host);
      }
    }
  });

  it('refuses a spec it cannot read in one line naming what is allowed, before anything is installed', () => {
    for (const value of ['bun@latest', 'rhino', 'deno@2.9@1', 'node@']) {
      expect(() => parseEngineSpec(value)).toThrow(UsageError);
      expect(() => parseEngineSpec(value)).toThrow(/allowed: node \(this Node\.js\), node@22, bun, bun@1\.4, deno, deno@2\.9/);
    }
  });
});

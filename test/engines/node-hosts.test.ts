import { readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';
import { prepareEngineTargets } from '../../src/engines/prepare-engine-targets.ts';
import { parseNodeSpec } from '../../src/engines/engine-spec.ts';
import { resolveWorkloads } from '../../src/run/resolve-workloads.ts';
import { runHarness } from '../../src/run/run-harness.ts';
import type { StoppedTrial } from '../../src/record/trial-result.ts';
import { startHost, retireHost } from '../../src/trial/host-process.ts';
import { SQLITE_BINDING_VARIABLE } from '../../src/workloads/sqlite-driver.ts';

const fixture = fileURLToPath(new URL('../fixtures/workloads/reports-node-version.ts', import.meta.url));
const prepareNodeTargets = (values: string[], workloads: Parameters<typeof prepareEngineTargets>[1], onBuild: (what: string) => void) =>
  prepareEngineTargets(values.map(parseNodeSpec), workloads, onBuild, { flag: '--node' });
const noBuilds = (what: string) => {
  throw new Error(`no build expected here, got: ${what}`);
};

// Node.js 22 comes from the npm registry into the test run's own cache (see test/setup/global-setup.ts).
describe('hosts on a second Node.js version', () => {
  it('runs each host, its worker and its child on the Node.js named, and keys every result by its major', async () => {
    const workloads = await resolveWorkloads([fixture]);
    const nodes = await prepareNodeTargets(['20', '22'], workloads, noBuilds);
    expect(nodes.map((node) => [node.label, node.source])).toEqual([
      ['node 20', 'running'],
      ['node 22', 'registry'],
    ]);
    const record = await runHarness({
      ...DEFAULTS,
      runtimes: ['thread', 'process'],
      kills: ['abort'],
      workloads,
      engines: nodes,
      trials: 1,
      seed: 3,
      shard: null,
      command: 'test',
    });
    const node22 = nodes[1]?.version ?? '';
    expect(record.plan.engines?.map((node) => node.version)).toEqual([process.version, node22]);
    const ran = record.results.map((result) => [
      result.engine?.label,
      result.runtime,
      result.outcome,
      (result as StoppedTrial).cleanupSteps?.[0]?.split(' ')[0],
    ]);
    expect(ran).toEqual([
      ['node 20', 'thread', 'stopped', process.version],
      ['node 20', 'process', 'stopped', process.version],
      ['node 22', 'thread', 'stopped', node22],
      ['node 22', 'process', 'stopped', node22],
    ]);
  });

  // The installed better-sqlite3 is built for this Node.js's ABI; for 22 the harness builds it once, from the
  // package's own sources against the registry package's headers (about a minute on 2 cores), and caches it.
  it('builds better-sqlite3 for the other ABI on demand, then runs the sqlite workload there', { timeout: 300_000 }, async () => {
    const workloads = await resolveWorkloads(['sqlite-transaction']);
    const builds: string[] = [];
    const [node22] = await prepareNodeTargets(['22'], workloads, (what) => builds.push(what));
    expect(builds).toEqual([expect.stringMatching(/^better-sqlite3 [\d.]+ for Node\.js v22\.[\d.]+ \(ABI \d+\), once; kept in /)]);
    expect(node22?.unavailable).toEqual({});
    expect(node22?.hostEnv[SQLITE_BINDING_VARIABLE]).toMatch(/better_sqlite3\.node$/);
    // Once built, it is found in the cache: no second build.
    await prepareNodeTargets(['22'], workloads, noBuilds);
    const record = await runHarness({
      ...DEFAULTS,
      runtimes: ['thread', 'process'],
      kills: ['abort'],
      workloads,
      engines: node22 === undefined ? [] : [node22],
      trials: 1,
      seed: 5,
      shard: null,
      command: 'test',
    });
    expect(record.results.map((result) => [result.runtime, result.outcome, (result as StoppedTrial).integrity?.missing])).toEqual([
      ['thread', 'stopped', 0],
      ['process', 'stopped', 0],
    ]);
  });

  it('starts a host whose executable is the other binary, and which reports that version', async () => {
    const [node22] = await prepareNodeTargets(['22'], [], noBuilds);
    if (node22 === undefined) throw new Error('no Node.js 22');
    const host = startHost('node-hosts-test', 'thread', node22);
    try {
      const ready = await host.waitFor(['host-ready'], 15_000);
      expect(ready).toMatchObject({ type: 'host-ready', engine: { name: 'node', version: node22.version }, containment: { subreaper: true } });
      expect(readlinkSync(`/proc/${host.pid}/exe`)).toBe(node22.execPath);
      expect(host.engine).toEqual({ name: 'node', version: node22.version });
    } finally {
      await retireHost(host);
    }
  });
});

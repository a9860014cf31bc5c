import { describe, expect, it } from 'vitest';
import { buildBaseline } from '../../src/baseline/baseline.ts';
import { compareWithBaseline } from '../../src/baseline/compare-baseline.ts';
import { type EngineEntry, labelOf, toEngineKey } from '../../src/engines/engine-target.ts';
import { librariesOf } from '../../src/engines/engine-libraries.ts';
import type { RunRecord } from '../../src/record/run-record.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { analyze } from '../../src/analysis/analyze.ts';
import { splitByEngine } from '../../src/analysis/engine-views.ts';
import { renderStopGrid } from '../../src/report/svg-stop-grid.ts';
import { MergeError, mergeRecords } from '../../src/run/merge-records.ts';
import { planTrials } from '../../src/run/plan-trials.ts';
import { buildFds, buildLeftovers } from '../report/build-leftovers.ts';
import { buildNotApplicable, buildRecord, buildStopped } from '../report/build-record.ts';

const engine = (name: EngineEntry['name'], version: string, unavailable: Record<string, string> = {}): EngineEntry => ({
  requested: name === 'node' ? version.replace(/^v(\d+).*/, '$1') : name,
  name,
  label: labelOf(name, version),
  version,
  modules: name === 'node' ? '115' : null,
  source: version === 'v20.20.2' ? 'running' : 'registry',
  unavailable,
  libraries: librariesOf(name),
});
const NODE_20 = engine('node', 'v20.20.2');
const BUN = engine('bun', '1.4.5');

/** buildRecord's plan (terminate, leaks-fd, thread and process) on Node.js 20 and Bun: Bun's thread left a descriptor, Node.js's did not. */
function buildAcrossEngines(leakOnBun = true): RunRecord {
  const { plan } = buildRecord([]);
  const on = (entry: EngineEntry, leaked: boolean) => [
    ...[1, 2, 3].map((trial) =>
      leaked
        ? buildStopped({ engine: toEngineKey(entry), trial, outcome: 'leaked', leftovers: buildLeftovers({ fds: buildFds({ file: 1 }) }) })
        : buildStopped({ engine: toEngineKey(entry), trial }),
    ),
    buildNotApplicable({ engine: toEngineKey(entry) }),
  ];
  return buildRecord([...on(NODE_20, false), ...on(BUN, leakOnBun)], {
    plan: { ...plan, engines: [NODE_20, BUN] },
    command: 'npx isolation-harness --engine node@20,bun',
  });
}

describe('a run across engines', () => {
  it('plans every cell once per engine, keyed by its label, and leaves out what an engine cannot run', () => {
    const { plan } = buildRecord([]);
    const planned = planTrials({ ...plan, engines: [NODE_20, engine('deno', '2.9.6', { 'leaks-fd': 'its addon would not build' })] });
    const rows = planned.map(({ key, number, notApplicable }) => [number, key.engine?.label, key.runtime, key.trial, notApplicable === null ? 'runs' : 'n/a']);
    expect(rows).toEqual([
      [1, 'node 20', 'thread', 1, 'runs'],
      [2, 'node 20', 'thread', 2, 'runs'],
      [3, 'node 20', 'thread', 3, 'runs'],
      [4, 'node 20', 'process', 1, 'n/a'],
      [5, 'deno 2.9', 'thread', 1, 'n/a'],
      [6, 'deno 2.9', 'process', 1, 'n/a'],
    ]);
    expect(planned[0]?.key.engine).toEqual({ name: 'node', version: 'v20.20.2', label: 'node 20' });
    expect(planned[4]?.notApplicable).toBe('its addon would not build');
  });

  it('views each engine as a run of its own, judged alone', () => {
    const views = splitByEngine(buildAcrossEngines());
    expect(views.map((view) => [view.engine?.label, view.record.results.length, view.record.results.every((result) => result.engine === undefined)])).toEqual([
      ['node 20', 4, true],
      ['bun 1.4', 4, true],
    ]);
    const analysis = analyze(buildAcrossEngines());
    expect(analysis.views[0]?.verdicts.length).toBe(analysis.views[1]?.verdicts.length);
  });

  it('names a cell that changed, with each engine k/n, and names none when nothing did', () => {
    const changes = analyze(buildAcrossEngines()).engineChanges?.cells ?? [];
    expect(changes.map((change) => [change.rule, change.cell, change.readings.map(({ engine: label, reading }) => `${label}: ${reading?.shown}`)])).toEqual([
      ['outcome', 'leaks-fd / terminate / thread', ['node 20: stopped 3/3', 'bun 1.4: leaked 3/3']],
      ['left-fds', 'leaks-fd / terminate / thread', ['node 20: left none in 0/3 ended trials', 'bun 1.4: left some (most 1) in 3/3 ended trials']],
    ]);
    expect(analyze(buildAcrossEngines(false)).engineChanges?.cells).toEqual([]);
  });

  it('writes one report with the engines side by side, and one grid per engine', () => {
    const record = buildAcrossEngines();
    const markdown = renderMarkdown(record);
    expect(markdown).toMatch(/^# Isolation harness report: Node\.js 20\.20\.2, Bun 1\.4\.5 side by side/);
    expect(markdown).toContain('## What changed between engines');
    expect(markdown).toContain('- `leaks-fd / terminate / thread`: node 20 stopped 3/3; bun 1.4 leaked 3/3.');
    expect(markdown).toContain('## Claims and tradeoffs per engine');
    expect(markdown).toContain("Bun 1.4.5 (from the npm registry's @oven/bun-linux-x64)");
    expect(markdown).toMatch(/\n## Node\.js 20\.20\.2\n[\s\S]*\n### Thread or process: what each stop left\n[\s\S]*\n## Bun 1\.4\.5\n/);
    const svg = renderStopGrid(record);
    expect(svg.match(/(Node\.js 20\.20\.2|Bun 1\.4\.5): Thread or process: what each stop left/g)?.length).toBe(4);
  });

  it('says "versions" where every engine is Node.js, as --node runs are', () => {
    const { plan } = buildRecord([]);
    const node22 = engine('node', 'v22.23.5');
    const results = [NODE_20, node22].map((entry) => buildStopped({ engine: toEngineKey(entry) }));
    const markdown = renderMarkdown(buildRecord(results, { plan: { ...plan, engines: [NODE_20, node22] } }));
    expect(markdown).toContain('## What changed between versions');
    expect(markdown).toContain('## Figures per version');
  });

  it('holds each engine to its own baseline cells, and names the engine of a regressed cell', () => {
    const baseline = buildBaseline(buildAcrossEngines(false));
    expect(baseline.cells.map((cell) => `${cell.engine?.label} ${cell.runtime}`)).toEqual([
      'node 20 thread',
      'node 20 process',
      'bun 1.4 thread',
      'bun 1.4 process',
    ]);
    const comparison = compareWithBaseline(baseline, buildAcrossEngines(true));
    expect(comparison.compared).toBe(4);
    expect(comparison.regressions.map((regression) => regression.cell)).toEqual(['leaks-fd / terminate / thread / bun 1.4']);
  });

  it('merges jobs that each ran one engine into one record across engines, Node.js first', () => {
    const whole = buildAcrossEngines();
    const job = (entry: EngineEntry) => ({
      ...whole,
      plan: { ...whole.plan, engines: [entry] },
      command: `npx isolation-harness --engine ${entry.requested}`,
      results: whole.results.filter((result) => result.engine?.label === entry.label),
    });
    const merged = mergeRecords([
      { path: 'bun.json', record: job(BUN) },
      { path: 'node.json', record: job(NODE_20) },
    ]);
    expect(merged.plan.engines?.map((entry) => entry.label)).toEqual(['node 20', 'bun 1.4']);
    expect(merged.results).toEqual(whole.results);
    expect(merged.command).toBe('npx isolation-harness --engine node@20,bun@1.4');
    const withoutEngine = { ...whole, plan: { ...buildRecord([]).plan }, results: buildRecord([]).results };
    expect(() =>
      mergeRecords([
        { path: 'bun.json', record: job(BUN) },
        { path: 'own.json', record: withoutEngine },
      ]),
    ).toThrow(MergeError);
    expect(() =>
      mergeRecords([
        { path: 'bun.json', record: job(BUN) },
        { path: 'other.json', record: job(engine('bun', '1.4.1')) },
      ]),
    ).toThrow(/ran bun 1\.4\.1 and "bun\.json" 1\.4\.5, both as bun 1\.4/);
  });
});

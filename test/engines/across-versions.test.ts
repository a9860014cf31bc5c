import { describe, expect, it } from 'vitest';
import { buildBaseline } from '../../src/baseline/baseline.ts';
import { compareWithBaseline } from '../../src/baseline/compare-baseline.ts';
import type { NodeVersionEntry } from '../../src/node-versions/node-target.ts';
import type { RunRecord } from '../../src/record/run-record.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { analyze } from '../../src/analysis/analyze.ts';
import { splitByNode } from '../../src/analysis/node-views.ts';
import { renderStopGrid } from '../../src/report/svg-stop-grid.ts';
import { MergeError, mergeRecords } from '../../src/run/merge-records.ts';
import { planTrials } from '../../src/run/plan-trials.ts';
import { buildFds, buildLeftovers } from '../report/build-leftovers.ts';
import { buildNotApplicable, buildRecord, buildStopped } from '../report/build-record.ts';

const node = (label: string, version: string, unavailable: Record<string, string> = {}): NodeVersionEntry => ({
  requested: label,
  label,
  version,
  modules: label === '20' ? '115' : '127',
  source: label === '20' ? 'running' : 'registry',
  unavailable,
});
const NODE_20 = node('20', 'v20.20.2');
const NODE_22 = node('22', 'v22.23.5');

/** buildRecord's plan (terminate, leaks-fd, thread and process) on both versions: Node.js 22's thread left a descriptor, 20's did not. */
function buildAcrossVersions(leakOn22 = true): RunRecord {
  const { plan } = buildRecord([]);
  const on = (label: string, leaked: boolean) => [
    ...[1, 2, 3].map((trial) =>
      leaked
        ? buildStopped({ node: label, trial, outcome: 'leaked', leftovers: buildLeftovers({ fds: buildFds({ file: 1 }) }) })
        : buildStopped({ node: label, trial }),
    ),
    buildNotApplicable({ node: label }),
  ];
  return buildRecord([...on('20', false), ...on('22', leakOn22)], {
    plan: { ...plan, nodes: [NODE_20, NODE_22] },
    command: 'npx isolation-harness --node 20,22',
  });
}

describe('a run across Node.js versions', () => {
  it('plans every cell once per version, keyed by its major, and leaves out what a version cannot run', () => {
    const { plan } = buildRecord([]);
    const planned = planTrials({ ...plan, nodes: [NODE_20, node('22', 'v22.23.5', { 'leaks-fd': 'its addon would not build' })] });
    expect(planned.map(({ key, number, notApplicable }) => [number, key.node, key.runtime, key.trial, notApplicable === null ? 'runs' : 'n/a'])).toEqual([
      [1, '20', 'thread', 1, 'runs'],
      [2, '20', 'thread', 2, 'runs'],
      [3, '20', 'thread', 3, 'runs'],
      [4, '20', 'process', 1, 'n/a'],
      [5, '22', 'thread', 1, 'n/a'],
      [6, '22', 'process', 1, 'n/a'],
    ]);
    expect(planned[4]?.notApplicable).toBe('its addon would not build');
  });

  it('views each version as a run of its own, judged alone', () => {
    const views = splitByNode(buildAcrossVersions());
    expect(views.map((view) => [view.node?.label, view.record.results.length, view.record.results.every((result) => result.node === undefined)])).toEqual([
      ['20', 4, true],
      ['22', 4, true],
    ]);
    const analysis = analyze(buildAcrossVersions());
    expect(analysis.views[0]?.verdicts.length).toBe(analysis.views[1]?.verdicts.length);
  });

  it('names a cell that changed, with each version k/n, and names none when nothing did', () => {
    const changes = analyze(buildAcrossVersions()).versionChanges?.cells ?? [];
    expect(changes.map((change) => [change.rule, change.cell, change.readings.map(({ version, reading }) => `${version}: ${reading?.shown}`)])).toEqual([
      ['outcome', 'leaks-fd / terminate / thread', ['20: stopped 3/3', '22: leaked 3/3']],
      ['left-fds', 'leaks-fd / terminate / thread', ['20: left none in 0/3 ended trials', '22: left some (most 1) in 3/3 ended trials']],
    ]);
    expect(analyze(buildAcrossVersions(false)).versionChanges?.cells).toEqual([]);
  });

  it('writes one report with the versions side by side, and one grid per version', () => {
    const record = buildAcrossVersions();
    const markdown = renderMarkdown(record);
    expect(markdown).toMatch(/^# Isolation harness report: Node\.js 20\.20\.2, Node\.js 22\.23\.5 side by side/);
    expect(markdown).toContain('## What changed between versions');
    expect(markdown).toContain('- `leaks-fd / terminate / thread`: Node.js 20 stopped 3/3; Node.js 22 leaked 3/3.');
    expect(markdown).toContain('## Claims and tradeoffs per version');
    expect(markdown).toMatch(/\n## Node\.js 20\.20\.2\n[\s\S]*\n### Thread or process: what each stop left\n[\s\S]*\n## Node\.js 22\.23\.5\n/);
    const svg = renderStopGrid(record);
    expect(svg.match(/Node\.js 2\d\.\d+\.\d+: Thread or process: what each stop left/g)?.length).toBe(4);
  });

  it('holds each version to its own baseline cells, and names the version of a regressed cell', () => {
    const baseline = buildBaseline(buildAcrossVersions(false));
    expect(baseline.cells.map((cell) => `${cell.node} ${cell.runtime}`)).toEqual(['20 thread', '20 process', '22 thread', '22 process']);
    const comparison = compareWithBaseline(baseline, buildAcrossVersions(true));
    expect(comparison.compared).toBe(4);
    expect(comparison.regressions.map((regression) => regression.cell)).toEqual(['leaks-fd / terminate / thread / Node.js 22']);
  });

  it('merges jobs that each ran one version into one record across versions, oldest first', () => {
    const whole = buildAcrossVersions();
    const job = (entry: NodeVersionEntry) => ({
      ...whole,
      plan: { ...whole.plan, nodes: [entry] },
      command: `npx isolation-harness --node ${entry.label}`,
      results: whole.results.filter((result) => result.node === entry.label),
    });
    const merged = mergeRecords([
      { path: '22.json', record: job(NODE_22) },
      { path: '20.json', record: job(NODE_20) },
    ]);
    expect(merged.plan.nodes?.map((entry) => entry.label)).toEqual(['20', '22']);
    expect(merged.results).toEqual(whole.results);
    expect(merged.command).toBe('npx isolation-harness --node 20,22');
    const withoutNode = { ...whole, plan: { ...buildRecord([]).plan }, results: buildRecord([]).results };
    expect(() =>
      mergeRecords([
        { path: '22.json', record: job(NODE_22) },
        { path: 'own.json', record: withoutNode },
      ]),
    ).toThrow(MergeError);
    expect(() =>
      mergeRecords([
        { path: '22.json', record: job(NODE_22) },
        { path: 'other.json', record: job(node('22', 'v22.1.0')) },
      ]),
    ).toThrow(/ran Node\.js v22\.1\.0 and "22\.json" v22\.23\.5, both as Node\.js 22/);
  });
});

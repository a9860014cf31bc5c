import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';
import { renderJson, SCHEMA_VERSION } from '../../src/record/results-json.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { digestSource } from '../../src/record/source-digest.ts';
import type { RunRecord } from '../../src/record/run-record.ts';

const reports = new URL('../../reports/', import.meta.url);
const results = readFileSync(new URL('results.json', reports), 'utf8');
const { schemaVersion, ...record }: RunRecord & { schemaVersion: number } = JSON.parse(results);

describe('the committed report', () => {
  it('was produced by the committed code: regenerate it with `npm run report` after changing src/', () => {
    expect(record.sourceDigest).toBe(digestSource());
  });

  it('is the default run, complete, and its Markdown is what the code renders from its results', () => {
    expect(schemaVersion).toBe(SCHEMA_VERSION);
    expect(renderJson(record)).toBe(results);
    expect(record.incomplete).toBeNull();
    expect(record.plan).toMatchObject({ trials: DEFAULTS.trials, stopTimeoutMs: DEFAULTS.stopTimeoutMs, killPoint: DEFAULTS.killPoint, shard: null });
    expect(readFileSync(new URL('report.md', reports), 'utf8')).toBe(renderMarkdown(record));
  });
});

describe('the committed report across Node.js versions', () => {
  const versions = new URL('node-versions/', reports);
  const text = readFileSync(new URL('results.json', versions), 'utf8');
  const { schemaVersion: version, ...across }: RunRecord & { schemaVersion: number } = JSON.parse(text);

  it('was produced by the committed code: regenerate it with `npm run report:versions` after changing src/', () => {
    expect(across.sourceDigest).toBe(digestSource());
  });

  it('is the default matrix on Node.js 20, 22 and 24 with one trial per cell, complete, and renders as committed', () => {
    expect(version).toBe(SCHEMA_VERSION);
    expect(renderJson(across)).toBe(text);
    expect(across.incomplete).toBeNull();
    expect(across.plan.nodes?.map((node) => node.label)).toEqual(['20', '22', '24']);
    expect(across.plan).toMatchObject({ trials: 1, stopTimeoutMs: DEFAULTS.stopTimeoutMs, killPoint: DEFAULTS.killPoint, shard: null });
    expect(across.plan.workloads.map((workload) => workload.name)).toEqual(record.plan.workloads.map((workload) => workload.name));
    expect(readFileSync(new URL('report.md', versions), 'utf8')).toBe(renderMarkdown(across));
  });
});

describe('the committed report of Node.js and Python side by side', () => {
  const python = new URL('python/', reports);
  const text = readFileSync(new URL('results.json', python), 'utf8');
  const { schemaVersion: version, ...both }: RunRecord & { schemaVersion: number } = JSON.parse(text);

  it('was produced by the committed code: regenerate it with `npm run report:python` after changing src/', () => {
    expect(both.sourceDigest).toBe(digestSource());
  });

  it('is the default matrix in every runtime of both languages, complete, and renders as committed', () => {
    expect(version).toBe(SCHEMA_VERSION);
    expect(renderJson(both)).toBe(text);
    expect(both.incomplete).toBeNull();
    expect(both.plan.runtimes).toEqual(['thread', 'process', 'py-thread', 'py-process', 'py-process-spawn']);
    expect(both.plan).toMatchObject({ trials: DEFAULTS.trials, stopTimeoutMs: DEFAULTS.stopTimeoutMs, killPoint: DEFAULTS.killPoint, shard: null });
    expect(both.plan.python).toMatchObject({ available: true });
    expect(readFileSync(new URL('report.md', python), 'utf8')).toBe(renderMarkdown(both));
  });
});

describe('digestSource', () => {
  it('names a tree by its files: two different trees get different digests', () => {
    const folder = new URL('../fixtures/', import.meta.url).pathname;
    expect(digestSource(folder)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digestSource(folder)).not.toBe(digestSource(new URL('../fixtures/workloads/', import.meta.url).pathname));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';
import { renderJson, SCHEMA_VERSION } from '../../src/record/results-json.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { digestSource } from '../../src/record/source-digest.ts';
import type { RunRecord } from '../../src/record/run-record.ts';

const reports = new URL('../../reports/', import.meta.url);

/** A committed report folder: its results as written, and the record they hold. */
function readCommitted(folder: string): { text: string; schemaVersion: number; record: RunRecord } {
  const text = readFileSync(new URL(`${folder}results.json`, reports), 'utf8');
  const { schemaVersion, ...record }: RunRecord & { schemaVersion: number } = JSON.parse(text);
  return { text, schemaVersion, record };
}

/**
 * Each committed report was produced by the committed code, from the default plan with `plan` on top, complete, and
 * renders as committed; `check` holds what makes it that report.
 */
const COMMITTED = [
  { name: 'the committed report', folder: '', script: 'report', trials: DEFAULTS.trials, check: () => undefined },
  {
    name: 'the committed report across Node.js versions',
    folder: 'node-versions/',
    script: 'report:versions',
    trials: 1,
    check: (record: RunRecord) => expect(record.plan.engines?.map((engine) => engine.label)).toEqual(['node 20', 'node 22', 'node 24']),
  },
  {
    name: 'the committed report of Node.js, Bun and Deno side by side',
    folder: 'engines/',
    script: 'report:engines',
    trials: DEFAULTS.trials,
    check: (record: RunRecord) => expect(record.plan.engines?.map((engine) => engine.name)).toEqual(['node', 'bun', 'deno']),
  },
  {
    name: 'the committed report of Node.js and Python side by side',
    folder: 'python/',
    script: 'report:python',
    trials: DEFAULTS.trials,
    check: (record: RunRecord) => {
      expect(record.plan.runtimes).toEqual(['thread', 'process', 'py-thread', 'py-process', 'py-process-spawn']);
      expect(record.plan.python).toMatchObject({ available: true });
    },
  },
];
const defaultWorkloads = readCommitted('').record.plan.workloads.map((workload) => workload.name);

describe.each(COMMITTED)('$name', ({ folder, script, trials, check }) => {
  const { text, schemaVersion, record } = readCommitted(folder);

  it(`was produced by the committed code: regenerate it with \`npm run ${script}\` after changing src/ or python/`, () => {
    expect(record.sourceDigest).toBe(digestSource());
  });

  it('is its default plan, complete, and its Markdown is what the code renders from its results', () => {
    expect(schemaVersion).toBe(SCHEMA_VERSION);
    expect(renderJson(record)).toBe(text);
    expect(record.incomplete).toBeNull();
    expect(record.plan).toMatchObject({ trials, stopTimeoutMs: DEFAULTS.stopTimeoutMs, killPoint: DEFAULTS.killPoint, shard: null });
    expect(record.plan.workloads.map((workload) => workload.name)).toEqual(expect.arrayContaining(defaultWorkloads));
    check(record);
    expect(readFileSync(new URL(`${folder}report.md`, reports), 'utf8')).toBe(renderMarkdown(record));
  });
});

describe('digestSource', () => {
  it('names a tree by its files: two different trees get different digests', () => {
    const folder = new URL('../fixtures/', import.meta.url).pathname;
    expect(digestSource(folder)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digestSource(folder)).not.toBe(digestSource(new URL('../fixtures/workloads/', import.meta.url).pathname));
  });
});

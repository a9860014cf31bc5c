import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { TEMP_PREFIX } from '../../src/marker/marker.ts';
import type { RunRecord, Segment } from '../../src/record/run-record.ts';
import { JOURNAL_FILE } from '../../src/run/results-journal.ts';
import { findLivingProcessesOf, listCgroupsOf } from '../support/living-processes.ts';
import { runCli } from './run-cli.ts';

const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-provenance-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Three quick cells: shard 1/2 runs two of them, shard 2/2 one. */
const SMALL = ['--workload', 'cpu-loop', '--runtime', 'process', '--kill', 'abort,sigkill,sigterm', '--trials', '1', '--seed', '3', '--concurrency', '1'];

/** What a shard run on another runner writes: its own machine and, here, another version of the code. */
const OTHER_MACHINE = { node: 'v22.99.0', kernel: '6.99.0-other', cpu: 'Other CPU @ 9.99GHz', cores: 64 };
const OTHER_DIGEST = `sha256:${'f'.repeat(64)}`;

async function runShard(index: number): Promise<string> {
  const out = join(scratch, `shard-${index}`);
  const result = await runCli([...SMALL, '--shard', `${index}/2`, '--out', out]);
  expect(result.exitCode).toBe(0);
  return join(out, 'results.json');
}

async function merge(name: string, files: string[]): Promise<{ record: RunRecord; report: string }> {
  const out = join(scratch, name);
  const result = await runCli(['merge', ...files, '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return { record: JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')), report: readFileSync(join(out, 'report.md'), 'utf8') };
}

/** Rewrites a results file as a second machine running other code would have written it. */
function moveToOtherMachine(path: string): string {
  const record = JSON.parse(readFileSync(path, 'utf8'));
  const environment = { ...record.environment, ...OTHER_MACHINE };
  const provenance = record.provenance.map((segment: Segment) => ({ ...segment, environment, sourceDigest: OTHER_DIGEST }));
  const moved = join(scratch, 'other-machine.json');
  writeFileSync(moved, JSON.stringify({ ...record, environment, sourceDigest: OTHER_DIGEST, provenance }));
  return moved;
}

describe('provenance', () => {
  it('a merge keeps every shard as a segment, and the report says whether their machines and code agree', async () => {
    const [first, second] = await Promise.all([runShard(1), runShard(2)]);
    const shard1: RunRecord = JSON.parse(readFileSync(first, 'utf8'));
    expect(shard1.provenance).toEqual([
      {
        kind: 'shard',
        shard: { index: 1, count: 2 },
        startedAt: shard1.startedAt,
        finishedAt: shard1.finishedAt,
        sourceDigest: shard1.sourceDigest,
        concurrency: 1,
        environment: shard1.environment,
        resultCount: 2,
      },
    ]);

    // Same machine, same code: one line says so, and the files' order does not change which segment comes first.
    const same = await merge('merged-same', [second, first]);
    expect(same.record.provenance.map((segment) => [segment.shard?.index, segment.resultCount])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(same.record.environment).toEqual(shard1.environment);
    expect(same.report).toContain('2 segments, same machine and code, each at concurrency 1.');
    expect(same.report).not.toContain('Mixed provenance');
    expect(same.report).not.toContain('| Segment |');

    const mixed = await merge('merged-mixed', [first, moveToOtherMachine(second)]);
    expect(mixed.record.results).toHaveLength(3);
    expect(mixed.record.provenance.map((segment) => [segment.shard?.index, segment.sourceDigest, segment.environment.cpu])).toEqual([
      [1, shard1.sourceDigest, shard1.environment.cpu],
      [2, OTHER_DIGEST, OTHER_MACHINE.cpu],
    ]);
    // The top level stays the first segment's, as it was before provenance existed.
    expect(mixed.record.sourceDigest).toBe(shard1.sourceDigest);
    expect(mixed.record.environment).toEqual(shard1.environment);
    expect(mixed.report).toMatch(
      /^> \*\*Mixed provenance:\*\* these results come from 2 segments that differ in machine \(Node\.js, kernel, CPU, cores\) and code \(source digest\),/m,
    );
    expect(mixed.report).toContain('These results come from 2 segments that differ in machine (Node.js, kernel, CPU, cores) and code (source digest).');
    expect(mixed.report).toContain('| Segment | Shard | Started | Results | Node.js | CPU | Cores | Source digest | Concurrency |');
    expect(mixed.report).toContain(
      `| 2 | 2/2 | ${mixed.record.provenance[1]?.startedAt} | 1 | v22.99.0 | Other CPU @ 9.99GHz | 64 | \`sha256:ffffffffffff\` | 1 |`,
    );
    expect(mixed.report).toMatch(/^- Kernel: segment 1 `[^`]+`, segment 2 `6\.99\.0-other`$/m);
  });

  it('a resumed run keeps the segment before the interruption and adds its own', async () => {
    const out = join(scratch, 'resumed');
    const run = ['--workload', 'grandchild', '--runtime', 'process', '--kill', 'sigkill,tree-kill', '--trials', '4', '--seed', '5'];
    const harness = execaNode(bin, [...run, '--concurrency', '1', '--out', out], { reject: false, nodeOptions: [] });
    const runId = await new Promise<string>((resolve) => {
      harness.stderr?.once('data', (chunk) => resolve(/^run (\S+):/.exec(String(chunk))?.[1] ?? 'no run id printed'));
    });
    await vi.waitFor(() => expect(readJournal(out).filter((line) => line.type === 'result').length).toBeGreaterThanOrEqual(2), {
      timeout: 40_000,
      interval: 20,
    });
    harness.kill('SIGINT');
    expect((await harness).exitCode).toBe(130);
    const interrupted: RunRecord = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(interrupted.provenance).toHaveLength(1);
    expect(interrupted.provenance[0]?.resultCount).toBe(interrupted.results.length);

    const resumed = await runCli(['--resume', '--concurrency', '2', '--out', out]);
    expect(resumed.exitCode).toBe(0);
    const record: RunRecord = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const [before, after] = record.provenance;
    expect(record.provenance).toHaveLength(2);
    expect(before).toMatchObject({ kind: 'segment', shard: null, startedAt: record.startedAt, concurrency: 1, resultCount: interrupted.results.length });
    expect(after).toMatchObject({ kind: 'segment', shard: null, concurrency: 2, resultCount: 8 - interrupted.results.length, finishedAt: record.finishedAt });
    expect(Date.parse(after?.startedAt ?? '')).toBeGreaterThan(Date.parse(before?.finishedAt ?? ''));
    expect(after?.environment).toEqual(before?.environment);
    expect(record.plan.concurrency).toBe(1);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('These results come from 2 segments that differ in concurrency.');
    expect(existsSync(join(out, JOURNAL_FILE))).toBe(false);
    expect(readdirSync(tmpdir()).filter((entry) => entry.startsWith(`${TEMP_PREFIX}${runId}`))).toEqual([]);
    expect(findLivingProcessesOf(runId)).toEqual([]);
    expect(listCgroupsOf(runId)).toEqual([]);
  });
});

function readJournal(out: string): { type: string }[] {
  const path = join(out, JOURNAL_FILE);
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line))
    : [];
}

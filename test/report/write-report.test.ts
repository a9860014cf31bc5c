import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderJson } from '../../src/record/results-json.ts';
import { RULES } from '../../src/verdicts/rules.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { ReportWriteError } from '../../src/report/report-write-error.ts';
import { renderStopGrid } from '../../src/report/svg-stop-grid.ts';
import { writeReports } from '../../src/report/write-report.ts';
import { buildRecord, buildStopped } from './build-record.ts';

describe('writeReports', () => {
  const record = buildRecord([buildStopped()]);
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'isolation-harness-test-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('creates the directory and writes every file whole, leaving no staged file', () => {
    const outDir = join(directory, 'nested', 'out');
    const written = writeReports(record, outDir);
    expect(written).toEqual([join(outDir, 'report.md'), join(outDir, 'results.json'), join(outDir, 'report.svg')]);
    expect(readdirSync(outDir).sort()).toEqual(['report.md', 'report.svg', 'results.json']);
    expect(readFileSync(join(outDir, 'report.md'), 'utf8')).toBe(renderMarkdown(record));
    expect(readFileSync(join(outDir, 'report.svg'), 'utf8')).toBe(renderStopGrid(record));
    const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as { verdicts: Array<{ id: string; verdict: string }> };
    expect(readFileSync(join(outDir, 'results.json'), 'utf8')).toContain(renderJson(record).slice(0, -3));
    expect(results.verdicts.map(({ id }) => id)).toEqual(RULES.map(({ id }) => id));
  });

  it('replaces files from an earlier run', () => {
    writeFileSync(join(directory, 'results.json'), 'stale');
    writeReports(record, directory);
    expect(JSON.parse(readFileSync(join(directory, 'results.json'), 'utf8')).schemaVersion).toBe(9);
  });

  it('throws ReportWriteError naming the directory when it cannot be created, and leaves nothing behind', () => {
    const blocker = join(directory, 'a-file');
    writeFileSync(blocker, '');
    const outDir = join(blocker, 'out');
    let thrown: unknown;
    try {
      writeReports(record, outDir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReportWriteError);
    const error = thrown as ReportWriteError;
    expect(error.message).toContain(`"${outDir}"`);
    expect(error.message).toContain('not a directory');
    expect(error.directory).toBe(outDir);
    expect(error.cause).toMatchObject({ code: 'ENOTDIR' });
    expect(readdirSync(directory)).toEqual(['a-file']);
  });

  it('removes what it staged when a final name cannot be taken', () => {
    // A folder under the final name makes the rename fail after every file was staged.
    const outDir = join(directory, 'out');
    writeReports(record, outDir);
    rmSync(join(outDir, 'results.json'));
    mkdirSync(join(outDir, 'results.json'));
    expect(() => writeReports(record, outDir)).toThrow(ReportWriteError);
    expect(readdirSync(outDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

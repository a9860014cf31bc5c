import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../src/baseline/baseline.ts';
import { BaselineError } from '../../src/baseline/baseline-error.ts';
import { checkBaselineTarget, writeBaseline } from '../../src/baseline/write-baseline.ts';
import { buildRecord, buildStopped } from '../report/build-record.ts';

const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-baseline-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const baseline = buildBaseline(buildRecord([buildStopped()]));

describe('writeBaseline', () => {
  it('writes the whole file under its final name and leaves no staged file beside it', () => {
    const directory = mkdtempSync(join(scratch, 'write-'));
    writeBaseline(baseline, join(directory, 'baseline.json'));
    writeBaseline(baseline, join(directory, 'baseline.json'));
    expect(readdirSync(directory)).toEqual(['baseline.json']);
    expect(JSON.parse(readFileSync(join(directory, 'baseline.json'), 'utf8'))).toEqual(baseline);
  });

  it('names the file and the reason when it cannot write, and leaves nothing', () => {
    const path = join(scratch, 'missing-directory', 'baseline.json');
    expect(() => writeBaseline(baseline, path)).toThrow(BaselineError);
    expect(() => writeBaseline(baseline, path)).toThrow(/^--update-baseline file ".*missing-directory\/baseline\.json" cannot be written \(.*ENOENT/);
  });
});

describe('checkBaselineTarget', () => {
  it('accepts a new file in a writable directory', () => {
    expect(() => checkBaselineTarget(join(scratch, 'new.json'))).not.toThrow();
  });

  it.each([
    ['a missing directory', join('missing-directory', 'baseline.json'), /ENOENT/],
    ['a directory', '.', /the path is a directory/],
  ])('refuses a path in %s before anything runs', (_name, relative, reason) => {
    const path = join(scratch, relative);
    expect(() => checkBaselineTarget(path)).toThrow(
      new RegExp(`^--update-baseline file "${path}" cannot be written \\(.*${reason.source}.*allowed: a file path in an existing, writable directory$`),
    );
  });
});

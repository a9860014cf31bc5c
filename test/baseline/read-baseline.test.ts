import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../src/baseline/baseline.ts';
import { BaselineError } from '../../src/baseline/baseline-error.ts';
import { readBaseline } from '../../src/baseline/read-baseline.ts';
import { writeBaseline } from '../../src/baseline/write-baseline.ts';
import { buildLeftovers } from '../report/build-leftovers.ts';
import { buildNotApplicable, buildRecord, buildStopped } from '../report/build-record.ts';

const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-baseline-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const baseline = buildBaseline(buildRecord([buildStopped({ leftovers: buildLeftovers({ fds: null }) }), buildNotApplicable()]));
const validCell = baseline.cells[0];

// Each case: what the file holds, and what the one-line message must say is wrong with it.
const cases: Array<[string, string, RegExp]> = [
  ['not JSON', '{ "baselineVersion": 1,', /is not JSON \(/],
  ['not an object', '[]', /holds an array, not a baseline object/],
  ['another version', JSON.stringify({ ...baseline, baselineVersion: 2 }), /has baselineVersion 2, not 1/],
  ['no version', JSON.stringify({ ...baseline, baselineVersion: undefined }), /has baselineVersion missing, not 1/],
  ['cells not an array', JSON.stringify({ ...baseline, cells: {} }), /has "cells" that is an object, not an array/],
  [
    'unknown kill style',
    JSON.stringify({ ...baseline, cells: [{ ...validCell, kill: 'nuke' }] }),
    /has cells\[0\]\.kill "nuke", not a kill style, preset or stop sequence \(see --list\)/,
  ],
  [
    'a stop sequence not spelled as results spell it',
    JSON.stringify({ ...baseline, cells: [{ ...validCell, kill: 'abort > 500ms > tree-kill' }] }),
    /has cells\[0\]\.kill "abort > 500ms > tree-kill", not a kill style/,
  ],
  [
    'unknown runtime',
    JSON.stringify({ ...baseline, cells: [{ ...validCell, runtime: 'fiber' }] }),
    /has cells\[0\]\.runtime "fiber", not one of thread, process/,
  ],
  [
    'a count that is not a number',
    JSON.stringify({ ...baseline, cells: [{ ...validCell, outcome: { trials: '1' } }] }),
    /has cells\[0\]\.outcome\.trials "1", not a non-negative number/,
  ],
  [
    'a probe left out',
    JSON.stringify({ ...baseline, cells: [{ ...validCell, leftovers: {} }] }),
    /has cells\[0\]\.leftovers\.fds missing, not a non-negative number/,
  ],
  [
    'a growth per cycle that is not a number',
    JSON.stringify({ ...baseline, cells: [{ ...validCell, cycleGrowth: { bytesPerCycle: '1 MiB', lowerBytes: 0, upperBytes: 0 } }] }),
    /has cells\[0\]\.cycleGrowth\.bytesPerCycle "1 MiB", not a number of bytes/,
  ],
  ['a negative cycle tolerance', JSON.stringify({ ...baseline, cycleGrowthToleranceBytes: -1 }), /has cycleGrowthToleranceBytes -1, not a non-negative number/],
];

describe('readBaseline', () => {
  it('reads back what writeBaseline wrote', () => {
    const path = writeBaseline(baseline, join(scratch, 'round-trip.json'));
    expect(readBaseline(path)).toEqual(baseline);
  });

  it('reads back the growth per cycle of a run given --cycles, and a file without a cycle tolerance as the report’s', () => {
    const cycled = { ...baseline, cells: [{ ...validCell, cycleGrowth: { bytesPerCycle: 2_000_000, lowerBytes: 1_500_000, upperBytes: 2_500_000 } }] };
    const path = writeBaseline(cycled as typeof baseline, join(scratch, 'cycles.json'));
    expect(readBaseline(path)).toEqual(cycled);
    const { cycleGrowthToleranceBytes: _tolerance, ...older } = baseline;
    writeFileSync(join(scratch, 'older.json'), JSON.stringify(older));
    expect(readBaseline(join(scratch, 'older.json')).cycleGrowthToleranceBytes).toBe(baseline.cycleGrowthToleranceBytes);
  });

  it('reads a cell of a baseline written before engines, keyed by its Node.js major, as that Node.js engine', () => {
    const path = join(scratch, 'node-major.json');
    writeFileSync(path, JSON.stringify({ ...baseline, cells: [{ ...validCell, node: '22' }] }));
    expect(readBaseline(path).cells[0]?.engine).toEqual({ name: 'node', version: '22', label: 'node 22' });
    writeFileSync(path, JSON.stringify({ ...baseline, cells: [{ ...validCell, engine: { name: 'rhino', version: '1', label: 'rhino 1' } }] }));
    expect(() => readBaseline(path)).toThrow(/has cells\[0\]\.engine .*, not an engine such as/);
  });

  it('names a missing file', () => {
    expect(() => readBaseline(join(scratch, 'nowhere.json'))).toThrow(
      /^--check file ".*nowhere\.json" does not exist; allowed: a JSON file written by --update-baseline$/,
    );
  });

  it.each(cases)('refuses a file that is %s, naming the file and the problem', (_name, text, problem) => {
    const path = join(scratch, 'bad.json');
    writeFileSync(path, text);
    expect(() => readBaseline(path)).toThrow(BaselineError);
    expect(() => readBaseline(path)).toThrow(new RegExp(`^--check file "${path}" ${problem.source}.*; allowed: a JSON file written by --update-baseline$`));
  });
});

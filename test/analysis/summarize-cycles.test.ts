import { describe, expect, it } from 'vitest';
import { growsPerCycle, summarizeCycles } from '../../src/analysis/summarize-cycles.ts';
import type { CycleReading } from '../../src/record/trial-result.ts';
import { MEBIBYTE } from '../report/build-leftovers.ts';
import { buildHung, buildStopped, buildWorkMemory } from '../report/build-record.ts';

const after = (host: number, pssMebibytes: number): CycleReading => ({ host, memory: buildWorkMemory(pssMebibytes, pssMebibytes, pssMebibytes + 40) });

describe('summarizeCycles', () => {
  it("gives each cell its series in cycle order, the fresh host's memory, and the growth per cycle with its interval", () => {
    const trials = [3, 1, 2, 4].map((trial) =>
      buildStopped({ trial, cycle: { ...after(1, 20 + 16 * trial), ...(trial === 1 ? { memoryBefore: buildWorkMemory(18) } : {}) } }),
    );
    const [cell] = summarizeCycles([...trials, buildStopped({ kill: 'abort' })]);
    expect(cell?.cycles.map((reading) => [reading.cycle, (reading.pssBytes ?? 0) / MEBIBYTE])).toEqual([
      [1, 36],
      [2, 52],
      [3, 68],
      [4, 84],
    ]);
    expect(cell?.before?.pssBytes).toBe(18 * MEBIBYTE);
    expect(cell?.pssSlope).toMatchObject({ count: 4, slope: 16 * MEBIBYTE, lower: 16 * MEBIBYTE, upper: 16 * MEBIBYTE });
    expect(growsPerCycle(cell?.pssSlope ?? null)).toBe(true);
  });

  it('fits the trend to the host that ran the most cycles, and reads a cycle whose host was ended as not measured, with why', () => {
    const ended: CycleReading = { host: 1, memory: null, notMeasured: 'the work hung, and its host was ended with it' };
    const trials = [buildHung({ trial: 1, cycle: ended }), ...[2, 3, 4].map((trial) => buildStopped({ trial, cycle: after(2, 20 + trial) }))];
    const [cell] = summarizeCycles(trials);
    expect(cell?.fitHost).toBe(2);
    expect(cell?.cycles[0]).toMatchObject({ cycle: 1, host: 1, outcome: 'hung', pssBytes: null, notMeasured: ended.notMeasured });
    expect((cell?.pssSlope?.slope ?? 0) / MEBIBYTE).toBeCloseTo(1, 10);
    expect(growsPerCycle(cell?.pssSlope ?? null)).toBe(false);
  });

  it('draws no slope from fewer than three readings in one host, and finds no cell in a run without --cycles', () => {
    const [cell] = summarizeCycles([1, 2].map((trial) => buildStopped({ trial, cycle: after(1, 20) })));
    expect(cell?.pssSlope).toBeNull();
    expect(summarizeCycles([buildStopped()])).toEqual([]);
  });
});

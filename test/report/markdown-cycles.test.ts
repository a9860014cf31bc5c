import { describe, expect, it } from 'vitest';
import type { CycleReading } from '../../src/record/trial-result.ts';
import { renderCycleMemory } from '../../src/report/markdown-cycles.ts';
import { buildRecord, buildStopped, buildWorkMemory, viewOf } from './build-record.ts';

const after = (pssMebibytes: number, host = 1): CycleReading => ({ host, memory: buildWorkMemory(pssMebibytes, pssMebibytes, pssMebibytes + 40) });

function cycles(kill: 'terminate' | 'abort', pss: readonly number[]) {
  return pss.map((mebibytes, index) => buildStopped({ kill, trial: index + 1, cycle: after(mebibytes) }));
}

describe('renderCycleMemory', () => {
  it('gives per cell the series, its growth per cycle with its interval (bold when even its lower end grows), and a chart per workload', () => {
    const record = buildRecord([...cycles('terminate', [36, 52, 68, 84]), ...cycles('abort', [20, 20.4, 20.1, 20.3])]);
    const section = renderCycleMemory(viewOf(record));
    expect(section).toContain('| leaks-fd | `terminate` | thread | not measured | 36.0 52.0 68.0 84.0 | **+16.0 MiB (+16.0 MiB to +16.0 MiB)** |');
    expect(section).toMatch(/\| leaks-fd \| `abort` \| thread \| not measured \| 20\.0 20\.4 20\.1 20\.3 \| \+0\.1 MiB \(-0\.\d MiB to \+0\.\d MiB\) \|/);
    expect(section).toContain('leaks-fd, lines in this order: `terminate` in a thread, `abort` in a thread.');
    expect(section).toContain('  line [36, 52, 68, 84]');
  });

  it('says why a series has no reading or no trend, and leaves out of the chart a cell whose host was ended', () => {
    const ended: CycleReading = { host: 1, memory: null, notMeasured: 'host-death ends the host itself' };
    const record = buildRecord([1, 2, 3].map((trial) => buildStopped({ kill: 'host-death', trial, cycle: { ...ended, host: trial } })));
    const section = renderCycleMemory(viewOf(record));
    expect(section).toContain('| not measured: host-death ends the host itself | not measured: fewer than 3 cycles read in one host |');
    expect(section).not.toContain('```mermaid');
  });

  it('is empty for a run without --cycles', () => {
    expect(renderCycleMemory(viewOf(buildRecord([buildStopped()])))).toBe('');
  });
});

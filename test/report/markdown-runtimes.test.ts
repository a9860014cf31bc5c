import { describe, expect, it } from 'vitest';
import { renderRuntimeSummary } from '../../src/report/markdown-runtimes.ts';
import { buildLeftovers, buildMemory, MEBIBYTE } from './build-leftovers.ts';
import { buildNotApplicable, buildRecord, buildStopped } from './build-record.ts';

describe('renderRuntimeSummary', () => {
  it('shows median, p95 and max stop time and the median memory growth per runtime, with what each is over', () => {
    const grown = (mebibytes: number) => buildLeftovers({ memory: buildMemory(mebibytes * MEBIBYTE) });
    const section = renderRuntimeSummary(
      buildRecord([
        buildStopped({ stopMs: 4, leftovers: grown(2) }),
        buildStopped({ kill: 'abort', stopMs: 12.25, leftovers: grown(-1) }),
        buildStopped({ kill: 'abort', stopMs: 8, leftovers: grown(3) }),
        buildNotApplicable(),
      ]),
    );
    expect(section).toContain('| Runtime | Stop ms: median / p95 / max | Over | Host memory growth: median | Over |');
    expect(section).toContain('| thread | 8.0 / 11.8 / 12.3 | 3 stopped trials | +2.0 MiB | 3 trials |');
  });

  it('says what is missing instead of 0, and does not invent the time to ready, which is not recorded', () => {
    const unmeasured = buildLeftovers({ memory: null });
    const section = renderRuntimeSummary(buildRecord([buildStopped({ stopMs: 5, leftovers: unmeasured }), buildNotApplicable()]));
    expect(section).toContain('| thread | 5.0 / 5.0 / 5.0 | 1 stopped trial | not measured | — |');
    expect(section).toContain('| process | — | — | not measured | — |');
    expect(section).toContain('is not recorded, so it is not shown');
  });
});

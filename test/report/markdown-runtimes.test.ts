import { describe, expect, it } from 'vitest';
import { viewOf } from './build-record.ts';
import { renderRuntimeSummary } from '../../src/report/markdown-runtimes.ts';
import { buildLeftovers, buildMemory, MEBIBYTE } from './build-leftovers.ts';
import { buildNotApplicable, buildRecord, buildStopped, buildWorkMemory } from './build-record.ts';

describe('renderRuntimeSummary', () => {
  it('shows spawn latency, work memory, stop time and host memory growth per runtime, each with its n', () => {
    const grown = (mebibytes: number) => buildLeftovers({ memory: buildMemory(mebibytes * MEBIBYTE) });
    const section = renderRuntimeSummary(
      viewOf(
        buildRecord([
          buildStopped({ stopMs: 4, leftovers: grown(2), startMs: 20, workMemory: buildWorkMemory(10, 8, 30) }),
          buildStopped({ kill: 'abort', stopMs: 12.25, leftovers: grown(-1), startMs: 40, workMemory: buildWorkMemory(12, 10, 40) }),
          buildStopped({ kill: 'abort', stopMs: 8, leftovers: grown(3), startMs: 30, workMemory: null }),
          buildNotApplicable(),
        ]),
      ),
    );
    expect(section).toContain(
      '| Runtime | Spawn ms: median / p95 / max | Work memory at ready, PSS: median / max; USS, RSS: median | Stop ms: median / p95 / max | Host memory growth after the stop: median |',
    );
    expect(section).toContain(
      '| thread | 30.0 / 39.0 / 40.0 (n = 3) | 11.0 MiB / 12.0 MiB; USS 9.0 MiB, RSS 35.0 MiB (n = 2) | 8.0 / 11.8 / 12.3 (n = 3) | +2.0 MiB (n = 3) |',
    );
  });

  it('says "not measured" for what no trial recorded, and a dash for stop times when nothing stopped, never 0', () => {
    const section = renderRuntimeSummary(
      viewOf(buildRecord([buildStopped({ stopMs: 5, startMs: null, workMemory: null, leftovers: buildLeftovers({ memory: null }) }), buildNotApplicable()])),
    );
    expect(section).toContain('| thread | not measured | not measured | 5.0 / 5.0 / 5.0 (n = 1) | not measured |');
    expect(section).toContain('| process | not measured | not measured | — | not measured |');
  });
});

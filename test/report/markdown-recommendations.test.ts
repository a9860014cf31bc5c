import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.ts';
import { renderRecommendations } from '../../src/report/markdown-recommendations.ts';
import { buildTempFiles } from './build-leftovers.ts';
import { cell, hungCell, leaving, recordOf } from './build-cells.ts';

describe('renderRecommendations', () => {
  it('opens with one row per workload and runtime: the stop, its evidence, and what to avoid; or that no stop left nothing', () => {
    const record = recordOf(
      cell('temp-files', 'abort', 'thread', 2),
      cell('temp-files', 'terminate', 'thread', 2, leaving({ tempFiles: buildTempFiles(['a']) })),
      hungCell('blocks', 'abort', 'thread', 2),
    );
    const section = renderRecommendations(analyze(record).recommendations);
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Workload') && !line.startsWith('| ---'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      /^\| temp-files \| thread \| `abort` \| ended the work and left nothing in 2\/2 trials.* \| `terminate` \(left temp files in 2\/2\) \|$/,
    );
    expect(rows[1]).toMatch(/^\| blocks \| thread \| `abort` \| \*\*no stop left nothing\*\*; least bad: hung 2\/2 \|/);
  });
});

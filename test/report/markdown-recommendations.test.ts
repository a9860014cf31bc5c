import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.ts';
import { renderRecommendations } from '../../src/report/markdown-recommendations.ts';
import { buildTempFiles } from './build-leftovers.ts';
import { cell, hungCell, leaving, recordOf } from './build-cells.ts';

describe('renderRecommendations', () => {
  it('opens with one row per workload, the stop per runtime with its evidence, or that no stop left nothing; then the stops to avoid', () => {
    const record = recordOf(
      cell('temp-files', 'abort', 'thread', 2),
      cell('temp-files', 'terminate', 'thread', 2, leaving({ tempFiles: buildTempFiles(['a']) })),
      hungCell('blocks', 'abort', 'thread', 2),
    );
    const section = renderRecommendations(analyze(record).recommendations);
    expect(section).toContain('| Workload | thread |');
    expect(section).toContain('| temp-files | `abort`: 2/2 clean, 5.0 ms |');
    expect(section).toContain('| blocks | no stop left nothing; least bad `abort`: hung 2/2 |');
    expect(section).toContain('- temp-files, thread: `terminate` (left temp files in 2/2)');
  });
});

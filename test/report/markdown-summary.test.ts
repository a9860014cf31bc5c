import { describe, expect, it } from 'vitest';
import { viewOf } from './build-record.ts';
import { renderIncomplete } from '../../src/report/markdown-incomplete.ts';
import { renderAtAGlance } from '../../src/report/markdown-summary.ts';
import { buildProcesses, buildTempFiles } from './build-leftovers.ts';
import { cell, hungCell, leaving, recordOf } from './build-cells.ts';
import { buildNotApplicable, buildRecord } from './build-record.ts';

describe('renderAtAGlance', () => {
  it('pools each kill style in each runtime over its workloads: outcomes, what the ended trials left, cleanup, stop time', () => {
    const section = renderAtAGlance(
      viewOf(
        recordOf(
          cell('temp-files', 'sigkill', 'process', 2, leaving({ tempFiles: buildTempFiles(['a']), processes: buildProcesses(1) }, { stopMs: 10 })),
          cell('cpu-loop', 'sigkill', 'process', 2, { stopMs: 20, cleanupRan: false }),
          hungCell('blocking-read', 'sigkill', 'process', 1),
          [buildNotApplicable({ kill: 'sigkill', runtime: 'thread', workload: 'cpu-loop' })],
        ),
      ),
    );
    expect(section).toContain(
      '| `sigkill` | process | 3 | stopped 2/5, leaked 2/5, **hung** 1/5 (in stop); leak rate 2/4 (50%, 95% CI 15–85%) | processes 2/4, temp files 2/4 | 0/4 | 15.0 (p95 20.0, max 20.0, execa: 4.8) |',
    );
    expect(section).not.toContain('| `sigkill` | thread |');
  });

  it('says "nothing" when the ended trials left nothing, and a dash when none ended', () => {
    const section = renderAtAGlance(viewOf(recordOf(cell('cpu-loop', 'abort', 'thread', 1), hungCell('blocking-read', 'terminate', 'thread', 1))));
    expect(section).toContain('| `abort` | thread | 1 | stopped 1/1 | nothing | 1/1 |');
    expect(section).toContain('| `terminate` | thread | 1 | **hung** 1/1 (in stop) | — | — | — |');
  });
});

describe('renderIncomplete', () => {
  it('states why the run stopped and how many of the planned results it holds', () => {
    const record = buildRecord([], { incomplete: { reason: 'interrupted by SIGINT', plannedResults: 288 } });
    expect(renderIncomplete(record)).toMatch(/^> \*\*Incomplete:\*\* interrupted by SIGINT after 0 of 288 results\. /);
    expect(renderIncomplete(buildRecord([]))).toBe('');
  });
});

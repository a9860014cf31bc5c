import { librariesOf } from '../../src/engines/engine-libraries.ts';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.ts';
import type { RunRecord } from '../../src/record/run-record.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { buildProcesses, buildTempFiles } from '../report/build-leftovers.ts';
import { cell, hungCell, leaving, recordOf, WITHOUT_CLEANUP } from '../report/build-cells.ts';

const recommendationsOf = (record: RunRecord) => analyze(record).recommendations;
const find = (record: RunRecord, workload: string, runtime: string) =>
  recommendationsOf(record).find((entry) => entry.workload === workload && entry.runtime === runtime);

describe('recommendStops', () => {
  it('never picks a stop that hung or left something where another stop of the runtime left nothing, and says why to avoid them', () => {
    const record = recordOf(
      // Faster, but left a file: ranked after the clean stop.
      cell('temp-files', 'terminate', 'thread', 2, leaving({ tempFiles: buildTempFiles(['a']) }, { stopMs: 1 })),
      // Hung in most trials, clean in the one it ended: ranked last.
      [...hungCell('temp-files', 'sigterm-handled', 'process', 2), ...cell('temp-files', 'sigterm-handled', 'process', 1)],
      cell('temp-files', 'abort', 'thread', 2, { stopMs: 9 }),
      cell('temp-files', 'sigkill', 'process', 2, leaving({ processes: buildProcesses(1) })),
      cell('temp-files', 'abort', 'process', 2, { stopMs: 20 }),
    );
    expect(find(record, 'temp-files', 'thread')).toMatchObject({
      stop: 'abort',
      leftNothing: true,
      evidence: { trials: 2, leftNothing: 2, hung: 0, leaked: 0, cleanupRan: { k: 2, n: 2 }, stopMs: 9 },
      avoid: [{ stop: 'terminate', because: 'left temp files in 2/2' }],
    });
    const process = find(record, 'temp-files', 'process');
    expect(process?.stop).toBe('abort');
    expect(process?.avoid.map((entry) => [entry.stop, entry.because])).toEqual([
      ['sigkill', 'left processes in 2/2'],
      ['sigterm-handled', 'hung 2/3'],
    ]);
  });

  it('names the least bad stop, as such, when no stop of the runtime left nothing, and weighs a hang above a leftover', () => {
    const record = recordOf(
      hungCell('blocks', 'abort', 'process', 2),
      cell('blocks', 'sigkill', 'process', 2, leaving({ tempFiles: buildTempFiles(['fifo']) })),
      hungCell('blocks', 'terminate', 'thread', 2),
      hungCell('blocks', 'abort', 'thread', 2),
    );
    const process = find(record, 'blocks', 'process');
    expect(process).toMatchObject({ stop: 'sigkill', leftNothing: false, avoid: [{ stop: 'abort', because: 'hung 2/2' }] });
    expect(process?.because).toMatch(/^no stop left nothing here; the least bad left temp files in 2\/2/);
    const thread = find(record, 'blocks', 'thread');
    // Equally bad stops are alternatives, never stops to avoid; the process did better, so it is the runtime to use.
    expect(thread).toMatchObject({ leftNothing: false, avoid: [], bestRuntime: false });
    expect([thread?.stop, ...(thread?.alsoGood ?? [])].sort()).toEqual(['abort', 'terminate']);
    expect(process?.bestRuntime).toBe(true);
  });

  it('ranks equally safe stops by cleanup, then stop time, and never ranks a fault (crash, exit, a dead host)', () => {
    const record = recordOf(
      cell('cpu-loop', 'crash', 'thread', 2, { stopMs: 1 }),
      cell('cpu-loop', 'terminate', 'thread', 2, { ...WITHOUT_CLEANUP, stopMs: 2 }),
      cell('cpu-loop', 'timeout', 'thread', 2, { stopMs: 30 }),
      cell('cpu-loop', 'abort', 'thread', 2, { stopMs: 8 }),
    );
    const thread = find(record, 'cpu-loop', 'thread');
    expect(thread).toMatchObject({ stop: 'abort', alsoGood: ['timeout', 'terminate'], avoid: [] });
  });

  it("puts the user's own workloads first", () => {
    const record = recordOf(cell('cpu-loop', 'abort', 'thread', 1), cell('my-job', 'abort', 'thread', 1));
    const own: RunRecord = {
      ...record,
      plan: { ...record.plan, workloads: record.plan.workloads.map((entry) => (entry.name === 'my-job' ? { ...entry, source: './my-job.ts' } : entry)) },
    };
    expect(recommendationsOf(own).map((entry) => [entry.workload, entry.builtIn])).toEqual([
      ['my-job', false],
      ['cpu-loop', true],
    ]);
  });

  it('gives a recommendation per engine in a run across engines', () => {
    const keys = [
      { name: 'node' as const, version: 'v20.0.0', label: 'node 20' },
      { name: 'bun' as const, version: '1.4.5', label: 'bun 1.4' },
    ];
    const trials: TrialResult[] = keys.flatMap((engine) => cell('cpu-loop', 'abort', 'thread', 1, { engine }));
    const record = recordOf(trials);
    const engines = keys.map((key) => ({
      ...key,
      requested: key.name,
      modules: null,
      source: 'registry' as const,
      unavailable: {},
      libraries: librariesOf(key.name),
    }));
    const across = { ...record, plan: { ...record.plan, engines } } as RunRecord;
    expect(recommendationsOf(across).map((entry) => [entry.engine, entry.stop])).toEqual([
      ['node 20', 'abort'],
      ['bun 1.4', 'abort'],
    ]);
  });

  it('weighs a composed sequence and a preset like any style: the one that left nothing is the stop to use, the one that hung is avoided', () => {
    const record = recordOf(
      // The ask alone hangs on a workload that never looks at it; the sequence that forces after it ends the work clean.
      hungCell('ignores-ask', 'abort', 'process', 2),
      cell('ignores-ask', 'abort>500ms>tree-kill', 'process', 2, { endedBy: 'tree-kill', endedByStep: 3, stopMs: 520 }),
      cell('ignores-ask', 'vitest-forks', 'process', 2, leaving({ processes: buildProcesses(1) }, { endedBy: 'sigterm', endedByStep: 3 })),
    );
    expect(find(record, 'ignores-ask', 'process')).toMatchObject({
      stop: 'abort>500ms>tree-kill',
      leftNothing: true,
      avoid: [
        { stop: 'vitest-forks', because: 'left processes in 2/2' },
        { stop: 'abort', because: 'hung 2/2' },
      ],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { summarizeCells } from '../../src/report/summarize-cell.ts';
import {
  buildErrored,
  buildFds,
  buildHung,
  buildLeftovers,
  buildNotApplicable,
  buildProcesses,
  buildStopped,
  buildTempFiles,
} from './build-record.ts';

describe('summarizeCells', () => {
  it('groups results into cells in the order they were recorded', () => {
    const cells = summarizeCells([
      buildStopped({ trial: 1 }),
      buildNotApplicable(),
      buildStopped({ trial: 2 }),
      buildStopped({ workload: 'other', trial: 1 }),
    ]);
    expect(cells.map(({ workload, kill, runtime, trials }) => [workload, kill, runtime, trials])).toEqual([
      ['leaks-fd', 'terminate', 'thread', 2],
      ['leaks-fd', 'terminate', 'process', 1],
      ['other', 'terminate', 'thread', 1],
    ]);
  });

  it('counts outcomes and takes median and max stop time over stopped and leaked trials only', () => {
    const [cell] = summarizeCells([
      buildStopped({ stopMs: 40 }),
      buildStopped({ outcome: 'leaked', stopMs: 10, leftovers: buildLeftovers({ fds: buildFds({ file: 1 }) }) }),
      buildStopped({ stopMs: 20 }),
      buildHung(),
      buildErrored(),
    ]);
    expect(cell?.outcomes).toEqual({ stopped: 2, leaked: 1, hung: 1, errored: 1, 'not-applicable': 0 });
    expect(cell?.stopMs).toEqual({ samples: 3, median: 20, max: 40 });
    expect(cell?.probed).toBe(4);
    expect(cell?.cleanupRan).toBe(3);
    expect(cell?.hungPhases).toEqual(['stop']);
    expect(cell?.errors).toEqual([{ trial: 1, error: 'Error: workload threw before ready()' }]);
  });

  it('says not measured (null) when no trial measured a probe, never 0', () => {
    const [cell] = summarizeCells([buildStopped({ leftovers: buildLeftovers({ tempFiles: null, processes: null }) })]);
    expect(cell?.leftovers.tempFiles).toBeNull();
    expect(cell?.leftovers.processes).toBeNull();
    expect(cell?.maxZombies).toBeNull();
    expect(cell?.leftovers.fds).toMatchObject({ measured: 1, withLeftovers: 0 });
  });

  it('counts only the trials a probe measured, and keeps the trial that left the most', () => {
    const [cell] = summarizeCells([
      buildStopped({ leftovers: buildLeftovers({ fds: null, tempFiles: buildTempFiles(['a']) }) }),
      buildStopped({ leftovers: buildLeftovers({ fds: buildFds({ file: 1 }) }) }),
      buildStopped({ leftovers: buildLeftovers({ fds: buildFds({ file: 2, socket: 1 }), processes: buildProcesses(1, 3) }) }),
    ]);
    expect(cell?.leftovers.fds).toMatchObject({ measured: 2, withLeftovers: 2, worst: { total: 3 } });
    expect(cell?.leftovers.tempFiles).toMatchObject({ measured: 3, withLeftovers: 1, worst: { total: 1 } });
    expect(cell?.leftovers.processes).toMatchObject({ measured: 3, withLeftovers: 1, worst: { total: 1 } });
    expect(cell?.maxZombies).toBe(3);
  });

  it('carries the reason of a cell that is wholly not applicable, and has nothing probed', () => {
    const [cell] = summarizeCells([buildNotApplicable({ reason: 'no such thing' })]);
    expect(cell?.notApplicable).toBe('no such thing');
    expect(cell?.probed).toBe(0);
    expect(cell?.stopMs).toBeNull();
    expect(cell?.leftovers).toEqual({ fds: null, tempFiles: null, processes: null, memory: null, sockets: null, locks: null });
  });
});

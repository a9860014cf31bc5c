import { describe, expect, it } from 'vitest';
import { summarizeCells } from '../../src/analysis/summarize-cell.ts';
import { buildFds, buildLeftovers, buildMemory, buildProcesses, buildTempFiles, MEBIBYTE } from '../report/build-leftovers.ts';
import { buildErrored, buildHung, buildIntegrity, buildNotApplicable, buildStopped } from '../report/build-record.ts';

describe('summarizeCells', () => {
  it('groups results into cells in the order they were recorded', () => {
    const cells = summarizeCells([buildStopped({ trial: 1 }), buildNotApplicable(), buildStopped({ trial: 2 }), buildStopped({ workload: 'other', trial: 1 })]);
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
    expect(cell?.stopMs).toMatchObject({ count: 3, median: 20, max: 40 });
    expect(cell?.probed).toBe(4);
    expect(cell?.cleanupRan).toBe(3);
    expect(cell?.hungPhases).toEqual(['stop']);
    expect(cell?.errors).toEqual([{ trial: 1, error: 'Error: workload threw before ready()' }]);
  });

  it('says not measured (null) when no trial measured a probe, never 0', () => {
    const unmeasured = buildLeftovers({ tempFiles: null, processes: null, memory: null, sockets: null, locks: null });
    const [cell] = summarizeCells([buildStopped({ leftovers: unmeasured })]);
    expect(cell?.leftovers.tempFiles).toBeNull();
    expect(cell?.leftovers.processes).toBeNull();
    expect(cell?.leftovers.memory).toBeNull();
    expect(cell?.leftovers.sockets).toBeNull();
    expect(cell?.leftovers.locks).toBeNull();
    expect(cell?.maxZombies).toBeNull();
    expect(cell?.maxOrphaned).toBeNull();
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

  it('counts orphaned survivors apart from those still parented inside the trial', () => {
    const [cell] = summarizeCells([
      buildStopped({ leftovers: buildLeftovers({ processes: buildProcesses(3, 0, 1) }) }),
      buildStopped({ leftovers: buildLeftovers({ processes: buildProcesses(2, 0, 2) }) }),
    ]);
    expect(cell?.maxOrphaned).toBe(2);
    expect(cell?.leftovers.processes?.worst.total).toBe(3);
  });

  it('keeps the trial whose memory grew the most, even when none crossed the threshold', () => {
    const [cell] = summarizeCells([
      buildStopped({ leftovers: buildLeftovers({ memory: buildMemory(2 * MEBIBYTE) }) }),
      buildStopped({ leftovers: buildLeftovers({ memory: buildMemory(5 * MEBIBYTE) }) }),
      buildStopped({ leftovers: buildLeftovers({ memory: buildMemory(-1 * MEBIBYTE) }) }),
    ]);
    expect(cell?.leftovers.memory).toMatchObject({ measured: 3, withLeftovers: 0, worst: { grownBytes: 5 * MEBIBYTE } });
  });

  it('carries the stop and check summaries of the trials it ended, a hung trial apart', () => {
    const [cell] = summarizeCells([
      buildStopped({ endedBy: 'force', reportedMs: null, sharedMutex: 'held', integrity: buildIntegrity(4, 1) }),
      buildHung({ sharedMutex: 'free', integrity: null }),
      buildErrored(),
    ]);
    expect(cell?.endedBy).toEqual({ force: 1 });
    expect(cell?.neverSettled).toBe(1);
    expect(cell?.sharedMutex).toEqual({ measured: 1, held: 1 });
    expect(cell?.integrity).toMatchObject({ checked: 1, broken: 1, missing: 1 });
  });

  it('carries the reason of a cell that is wholly not applicable, and has nothing probed', () => {
    const [cell] = summarizeCells([buildNotApplicable({ reason: 'no such thing' })]);
    expect(cell?.notApplicable).toBe('no such thing');
    expect(cell?.probed).toBe(0);
    expect(cell?.stopMs).toBeNull();
    expect(cell?.leftovers).toEqual({ fds: null, tempFiles: null, processes: null, memory: null, sockets: null, locks: null });
    expect([cell?.integrity, cell?.sharedMutex, cell?.reportedMs]).toEqual([null, null, null]);
  });
});

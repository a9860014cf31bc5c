import { describe, expect, it } from 'vitest';
import { findBlindSpots } from '../../src/analysis/blind-spots.ts';
import { findRaisedDeadlines } from '../../src/analysis/raised-deadlines.ts';
import { onlyLingered, summarizeLifetimes } from '../../src/analysis/summarize-lifetimes.ts';
import { buildCell, buildErrored, buildNotApplicable, buildRecord, buildStopped } from '../report/build-record.ts';
import { formatLifetimes } from '../../src/report/format-cell.ts';

const service = (goneAfterMs: number | null) => ({ probe: 'processes' as const, item: 'esbuild (pid 7)', goneAfterMs });

describe('summarizeLifetimes', () => {
  it('tells a cell whose leftovers all went away by themselves from one where something stayed', () => {
    const lingering = [1, 2].map((trial) => buildStopped({ trial, outcome: 'leaked', lifetimes: [service(900 + trial)], watchedMs: 905 + trial }));
    const summary = summarizeLifetimes(lingering);
    expect(summary).toEqual({ watched: 2, wentAway: 2, longestGoneMs: 902, stayed: 0, longestWatchMs: 907 });
    expect(onlyLingered(summary, 2)).toBe(true);
    const mixed = summarizeLifetimes([...lingering, buildStopped({ trial: 3, outcome: 'leaked', lifetimes: [service(null)], watchedMs: 2_510 })]);
    expect(mixed).toMatchObject({ watched: 3, wentAway: 2, stayed: 1, longestWatchMs: 2_510 });
    expect(onlyLingered(mixed, 3)).toBe(false);
  });

  it('counts a leaked trial with nothing alive to watch as one whose leftovers stayed', () => {
    const summary = summarizeLifetimes([buildStopped({ outcome: 'leaked' }), buildStopped()]);
    expect(summary).toEqual({ watched: 0, wentAway: 0, longestGoneMs: null, stayed: 1, longestWatchMs: null });
  });

  it('is said in the cell: gone by itself within the longest time, or still there at the end of the watch', () => {
    const gone = buildCell(buildStopped({ outcome: 'leaked', lifetimes: [service(1_234)], watchedMs: 1_240 }));
    expect(formatLifetimes(gone)).toBe('; gone by itself within 1.2 s');
    const kept = buildCell(buildStopped({ outcome: 'leaked', lifetimes: [service(null)], watchedMs: 2_503 }));
    expect(formatLifetimes(kept)).toBe('; still there 2.5 s after the stop');
  });
});

describe('findBlindSpots', () => {
  it('counts how the hosts contained their trials, and the files nothing tied to a trial', () => {
    const tempFiles = { total: 0, paths: [], outside: [], unattributed: ['/tmp/a', '/tmp/b'], unattributedCount: 30 };
    const record = buildRecord([
      buildStopped({ containment: { cgroup: false, subreaper: true }, leftovers: { ...buildStopped().leftovers, tempFiles } }),
      buildStopped({ trial: 2, containment: { cgroup: true, subreaper: true } }),
      buildStopped({ trial: 3, containment: { cgroup: false, subreaper: false } }),
      buildNotApplicable({ kill: 'sigkill' }),
    ]);
    expect(findBlindSpots(record)).toEqual({
      unattributed: { trials: 1, paths: ['/tmp/a', '/tmp/b'], count: 30 },
      containment: { trials: 3, cgroup: 1, subreaper: 2, neither: 1 },
    });
  });
});

describe('findRaisedDeadlines', () => {
  it('names the timeout cells whose trials ran with a longer deadline than --deadline, with the longest', () => {
    const timeout = (trial: number, afterStartMs: number) => buildStopped({ kill: 'timeout', trial, killPoint: { kind: 'deadline', afterStartMs } });
    const record = buildRecord([timeout(1, 1_500), timeout(2, 6_650), timeout(3, 13_300), buildErrored({ kill: 'timeout', trial: 4 })]);
    expect(findRaisedDeadlines({ ...record, plan: { ...record.plan, deadlineMs: 1_500 } })).toEqual([
      { workload: 'leaks-fd', runtime: 'thread', deadlineMs: 13_300 },
    ]);
  });
});

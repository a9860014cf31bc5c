import { describe, expect, it } from 'vitest';
import { summarizeParent } from '../../src/analysis/summarize-parent.ts';
import type { ParentHold } from '../../src/record/parent-exit.ts';
import { buildHung, buildStopped } from '../report/build-record.ts';

const stdoutHeld: ParentHold = {
  kind: 'pipe',
  channel: 'stdout',
  holders: [{ pid: 41, command: 'sleep', fds: [1] }],
  description: 'the child’s stdout pipe, held open by sleep (pid 41, as its fd 1)',
  heldUntilMs: 1_400,
};
const awaitHeld: ParentHold = { kind: 'promise', promise: 'await subprocess', description: 'await subprocess had not settled', heldUntilMs: 1_400 };

describe('summarizeParent', () => {
  it('counts the parents that went on at once, how long the others were held past the end, and by what, the pipe first', () => {
    const parent = summarizeParent([
      buildStopped({ stopMs: 10, parentSettledMs: 30, parentHeldBy: [] }),
      buildStopped({ stopMs: 10, parentSettledMs: 1_410, parentHeldBy: [awaitHeld, stdoutHeld] }),
      buildStopped({ stopMs: 10, parentSettledMs: 1_210, parentHeldBy: [stdoutHeld, { ...stdoutHeld, holders: [{ pid: 42, command: 'sleep', fds: [1] }] }] }),
    ]);
    expect(parent).toMatchObject({ watched: 3, wentOnAtOnce: 1, stillHeld: 0, heldMs: { count: 2, median: 1_300 } });
    expect(parent?.heldBy).toEqual([
      { kind: 'pipe', name: 'stdout pipe, held by sleep', trials: 2 },
      { kind: 'promise', name: 'await subprocess, unsettled', trials: 1 },
    ]);
  });

  it('counts a parent still held as the watch ended, or as the stop hung, as not going on', () => {
    const thread = { kind: 'system-call', systemCall: 'wait4', threadId: 7, description: 'the work’s thread, still in wait4()', heldUntilMs: null } as const;
    const parent = summarizeParent([
      buildStopped({ stopMs: 10, parentSettledMs: null, parentHeldBy: [stdoutHeld] }),
      buildHung({ parentSettledMs: null, parentHeldBy: [thread] }),
    ]);
    expect(parent).toMatchObject({ watched: 2, wentOnAtOnce: 0, stillHeld: 2, heldMs: null });
    expect(parent?.heldBy.map((holder) => holder.name)).toEqual(['stdout pipe, held by sleep', "the work's thread, in wait4()"]);
  });

  it('is null, never 0, where no parent was watched (a Python host, host-death, records before the watch)', () => {
    expect(summarizeParent([buildStopped(), buildHung()])).toBeNull();
  });
});

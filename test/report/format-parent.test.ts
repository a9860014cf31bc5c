import { describe, expect, it } from 'vitest';
import { formatParent } from '../../src/report/format-parent.ts';
import { buildCell, buildStopped } from './build-record.ts';

describe('formatParent', () => {
  it('says a parent went on at once in every trial, or how many held it, how long past the end, and by what', () => {
    const pipe = { kind: 'pipe', channel: 'stdout', holders: [{ pid: 9, command: 'sleep', fds: [1] }], description: '', heldUntilMs: 1_400 } as const;
    expect(formatParent(buildCell(buildStopped({ parentSettledMs: 20, parentHeldBy: [] })).parent)).toBe('at once 1/1');
    const held = buildCell(
      buildStopped({ trial: 1, stopMs: 10, parentSettledMs: 1_410, parentHeldBy: [pipe] }),
      buildStopped({ trial: 2, stopMs: 10, parentSettledMs: null, parentHeldBy: [pipe] }),
    );
    expect(formatParent(held.parent)).toBe("**held** 2/2 (1400.0 ms past the end, still held at the watch's end 1/2); by stdout pipe, held by sleep");
  });

  it('says not measured, never 0, where no parent was watched', () => {
    expect(formatParent(buildCell(buildStopped()).parent)).toBe('not measured');
  });
});

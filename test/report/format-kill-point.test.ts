import { describe, expect, it } from 'vitest';
import { formatKillPoints } from '../../src/report/format-kill-point.ts';
import type { StoppedTrial } from '../../src/record/trial-result.ts';
import { buildCell, buildHung, buildStopped } from './build-record.ts';

function killPointsOf(...trials: Partial<StoppedTrial>[]): string {
  return formatKillPoints(buildCell(...trials.map((trial) => buildStopped(trial))).killPoints);
}

describe('formatKillPoints', () => {
  it('gives the range of seeded delays, or the one delay every trial used', () => {
    expect(killPointsOf({ killPoint: { kind: 'delay', delayMs: 47 } }, { killPoint: { kind: 'delay', delayMs: 3 } })).toBe('delay 3–47 ms');
    expect(killPointsOf({ killPoint: { kind: 'delay', delayMs: 12 } }, { killPoint: { kind: 'delay', delayMs: 12 } })).toBe('delay 12 ms');
  });

  it('says how many kills aimed at a section landed inside it, from the section the workload logged', () => {
    const aimed = (afterMs: number, killedInSection: string | null): Partial<StoppedTrial> => ({
      killPoint: { kind: 'section', section: 'holding-lock', afterMs },
      killedInSection,
    });
    expect(killPointsOf(aimed(5, 'holding-lock'), aimed(20, null), aimed(9, 'holding-lock'))).toBe('in `holding-lock` after 5–20 ms: 2/3 landed');
  });

  it('names a section an untargeted kill happened to stop the work in', () => {
    expect(killPointsOf({ killedInSection: 'inside-transaction' }, {})).toBe('delay 10 ms; inside `inside-transaction` by chance: 1/2');
  });

  it('gives the runtime deadline of a timeout, and hung trials count too', () => {
    const deadline = { killPoint: { kind: 'deadline', afterStartMs: 1500 } } as const;
    expect(formatKillPoints(buildCell(buildStopped({ kill: 'timeout', ...deadline }), buildHung({ kill: 'timeout', ...deadline })).killPoints)).toBe(
      'deadline 1500 ms from start',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { formatOtherLeftovers } from '../../src/report/format-other-leftovers.ts';
import type { StoppedTrial } from '../../src/record/trial-result.ts';
import { buildLeftovers, buildLocks, buildPort, buildSockets } from './build-leftovers.ts';
import { buildCell, buildIntegrity, buildStopped } from './build-record.ts';

function otherOf(...trials: Partial<StoppedTrial>[]): string {
  return formatOtherLeftovers(buildCell(...trials.map((trial) => buildStopped(trial))));
}

describe('formatOtherLeftovers', () => {
  it('says "none" when every probe measured and found nothing', () => {
    expect(otherOf({})).toBe('none');
  });

  it('says "not measured" for sockets and locks that could not be read, never nothing', () => {
    expect(otherOf({ leftovers: buildLeftovers({ sockets: null, locks: null }) })).toBe('sockets not measured; locks not measured');
  });

  it('names ports still bound, ports nobody can bind again and connections still open; a released port is not listed', () => {
    const sockets = buildSockets([buildPort(41233, 'held'), buildPort(41234, 'held'), buildPort(5000, 'blocked'), buildPort(6000)], 2);
    expect(otherOf({ leftovers: buildLeftovers({ sockets }) })).toBe('ports 41233, 41234 still bound, port 5000 not rebindable, 2 connections open');
    expect(otherOf({ leftovers: buildLeftovers({ sockets: buildSockets([buildPort(6000)]) }) })).toBe('none');
  });

  it('names OS locks and lock folders with how long they keep blocking', () => {
    const locks = buildLocks(1, [1_800, 12_000]);
    expect(otherOf({ leftovers: buildLeftovers({ locks }) })).toBe(
      '1 OS lock held, lock dir `resource-0.lock` stale in 8.2 s, lock dir `resource-1.lock` already stale',
    );
  });

  it('says in how many trials, with the rate and its 95% interval, when the cell had several', () => {
    const withPort = { leftovers: buildLeftovers({ sockets: buildSockets([buildPort(41233, 'held')]) }) };
    expect(otherOf(withPort, {}, {})).toBe('port 41233 still bound (1/3, 33%, 95% CI 6–79%)');
    expect(otherOf({ sharedMutex: 'held' }, { sharedMutex: 'free' })).toBe('mutex held (1/2, 50%, 95% CI 9–91%)');
  });

  it('says the mutex was left held only when it was', () => {
    expect(otherOf({ sharedMutex: 'held' })).toBe('mutex held');
    expect(otherOf({ sharedMutex: 'free' })).toBe('none');
    expect(otherOf({ runtime: 'process', sharedMutex: null })).toBe('none');
  });

  it('sums missing and torn records over the trials, or says the data is intact', () => {
    expect(otherOf({ integrity: buildIntegrity(120) })).toBe('data intact (120 acknowledged)');
    expect(otherOf({ integrity: buildIntegrity(100, 2) }, { integrity: buildIntegrity(40, 0, 1) }, { integrity: buildIntegrity(60) })).toBe(
      'data: 2 missing, 1 torn of 200 acknowledged (2/3, 67%, 95% CI 21–94%)',
    );
  });

  it('says when the store as a whole was corrupt', () => {
    expect(otherOf({ integrity: buildIntegrity(12, 12, 0, { corrupt: true }) })).toBe('data: store corrupt, 12 missing of 12 acknowledged');
    expect(otherOf({ integrity: buildIntegrity(5, 0, 0, { corrupt: true }) }, { integrity: buildIntegrity(5) })).toBe(
      'data: store corrupt (1/2, 50%, 95% CI 9–91%)',
    );
  });

  it('lists everything found, in column order', () => {
    const leftovers = buildLeftovers({ sockets: buildSockets([], 1), locks: buildLocks(2) });
    expect(otherOf({ leftovers, sharedMutex: 'held', integrity: buildIntegrity(9, 0, 1) })).toBe(
      '1 connection open; 2 OS locks held; mutex held; data: 1 torn of 9 acknowledged',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { forcedKillLeavesFiles } from '../../../src/report/claims/forced-kill-leaves-files.ts';
import { forcedKillLeavesLocks } from '../../../src/report/claims/forced-kill-leaves-locks.ts';
import { forcedKillTearsData } from '../../../src/report/claims/forced-kill-tears-data.ts';
import { buildFds, buildLeftovers, buildLocks } from '../build-leftovers.ts';
import { cell, hungCell, leaving, recordOf, WITHOUT_CLEANUP } from '../build-cells.ts';
import type { StoppedTrial } from '../../../src/record/trial-result.ts';
import { buildIntegrity } from '../build-record.ts';

describe('claim 1: a forced thread kill leaves files and connections open', () => {
  it('is confirmed when a trial terminate() ended left descriptors, citing the cell and the share', () => {
    const { verdict, evidence } = forcedKillLeavesFiles.evaluate(
      recordOf(cell('open-files', 'terminate', 'thread', 3, leaving({ fds: buildFds({ file: 2 }) })), cell('cpu-loop', 'terminate', 'thread', 3, WITHOUT_CLEANUP)),
    );
    expect(verdict).toBe('confirmed');
    expect(evidence).toContain('terminate() left file descriptors open in 3/3 trials (open-files / terminate / thread).');
    expect(evidence).toContain('It left none in the other cells: file descriptors open in 0/3 trials and ports or connections open in 0/3 (cpu-loop / terminate / thread).');
  });

  it('is partly true when only workers terminate() never ended kept theirs open', () => {
    const { verdict, evidence } = forcedKillLeavesFiles.evaluate(
      recordOf(cell('open-files', 'terminate', 'thread', 2, WITHOUT_CLEANUP), hungCell('blocking-read', 'terminate', 'thread', 1, { leftovers: buildLeftovers({ fds: buildFds({ pipe: 2 }) }) })),
    );
    expect(verdict).toBe('partly true');
    expect(evidence).toContain('terminate() did not end the work in 1/1 trials; the blocked worker still held file descriptors open in 1/1 trials (blocking-read / terminate / thread).');
  });

  it('is refuted when every trial terminate() ended was measured and left nothing open', () => {
    expect(forcedKillLeavesFiles.evaluate(recordOf(cell('open-files', 'terminate', 'thread', 3, WITHOUT_CLEANUP))).verdict).toBe('refuted');
  });

  it('is not measured without terminate() in a thread, or when the probes could not read', () => {
    expect(forcedKillLeavesFiles.evaluate(recordOf(cell('open-files', 'abort', 'thread', 3))).verdict).toBe('not measured');
    const unread = cell('open-files', 'terminate', 'thread', 1, { leftovers: buildLeftovers({ fds: null, sockets: null }) });
    expect(forcedKillLeavesFiles.evaluate(recordOf(unread))).toEqual({
      verdict: 'not measured',
      evidence: ['No trial that terminate() ended in a thread measured file descriptors open (not measured) and ports or connections open (not measured).'],
    });
  });
});

describe('claim 2: a forced thread kill leaves locks held', () => {
  it('is confirmed by a mutex left held, and says where the targeted kill landed', () => {
    const aimed: Partial<StoppedTrial> = { killPoint: { kind: 'section', section: 'holding-lock', afterMs: 5 }, killedInSection: 'holding-lock' };
    const { verdict, evidence } = forcedKillLeavesLocks.evaluate(
      recordOf(cell('lock-holder', 'terminate', 'thread', 3, leaving({ locks: buildLocks(0, [500]) }, { sharedMutex: 'held', ...aimed }))),
    );
    expect(verdict).toBe('confirmed');
    expect(evidence).toEqual([
      'terminate() left the shared-memory mutex held in 3/3 trials and locks (OS locks or lock folders) in 3/3 (lock-holder / terminate / thread).',
      'The kill was aimed at the critical section `holding-lock` and landed inside it in 3/3 trials (lock-holder / terminate / thread).',
    ]);
  });

  it('is refuted when the mutex and locks were free after every stop', () => {
    expect(forcedKillLeavesLocks.evaluate(recordOf(cell('lock-holder', 'terminate', 'thread', 3, WITHOUT_CLEANUP))).verdict).toBe('refuted');
  });
});

describe('claim 3: a forced thread kill can leave shared data half-written', () => {
  it('is confirmed when verify() found an acknowledged record torn', () => {
    const torn = cell('journal-writer', 'terminate', 'thread', 2, { outcome: 'leaked', integrity: buildIntegrity(10, 0, 1) });
    expect(forcedKillTearsData.evaluate(recordOf(torn)).verdict).toBe('confirmed');
  });

  it('is refuted when every check found the data intact, citing only the cells that check data', () => {
    const { verdict, evidence } = forcedKillTearsData.evaluate(
      recordOf(cell('journal-writer', 'terminate', 'thread', 2, { integrity: buildIntegrity(10) }), cell('cpu-loop', 'terminate', 'thread', 2)),
    );
    expect(verdict).toBe('refuted');
    expect(evidence).toEqual(['Where terminate() ended the work it left none: acknowledged data missing or torn in 0/2 trials (journal-writer / terminate / thread).']);
  });

  it('is not measured when no workload checks its data', () => {
    expect(forcedKillTearsData.evaluate(recordOf(cell('cpu-loop', 'terminate', 'thread', 2))).verdict).toBe('not measured');
  });
});

import { describe, expect, it } from 'vitest';
import { forcedThreadStop } from '../../../src/report/tradeoffs/forced-thread-stop.ts';
import { buildTempFiles } from '../build-leftovers.ts';
import { cell, leaving, recordOf, WITHOUT_CLEANUP } from '../build-cells.ts';

describe('forcedThreadStop', () => {
  it('sets what terminate() left against the cooperative abort of the same workload, per finding', () => {
    const sentences = forcedThreadStop.describe(
      recordOf(
        cell('lock-holder', 'terminate', 'thread', 3, leaving({ tempFiles: buildTempFiles(['lock']) }, { sharedMutex: 'held' })),
        cell('lock-holder', 'abort', 'thread', 3),
        cell('cpu-loop', 'terminate', 'thread', 3, WITHOUT_CLEANUP),
        cell('cpu-loop', 'abort', 'thread', 3),
      ),
    );
    expect(sentences).toEqual([
      'terminate() left temp files in 3/3 trials and the shared-memory mutex held in 3/3 (lock-holder / terminate / thread); cooperative abort in 0/3 and 0/3 (lock-holder / abort / thread).',
      'Where both ended the work, neither left anything behind in 1 workload (cpu-loop / terminate / thread; cpu-loop / abort / thread).',
    ]);
  });

  it('says nothing when the run lacks either cell', () => {
    expect(forcedThreadStop.describe(recordOf(cell('lock-holder', 'terminate', 'thread', 3)))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { grandchildren } from '../../../src/report/tradeoffs/grandchildren.ts';
import { buildProcesses } from '../build-leftovers.ts';
import { cell, leaving, recordOf, WITHOUT_CLEANUP } from '../build-cells.ts';

describe('grandchildren', () => {
  it('sets the survivors of SIGKILL against tree-kill, for the workloads seen starting processes, and says they were orphaned', () => {
    const sentences = grandchildren.describe(
      recordOf(
        cell('grandchild', 'sigkill', 'process', 2, leaving({ processes: buildProcesses(1) })),
        cell('grandchild', 'tree-kill', 'process', 2, WITHOUT_CLEANUP),
        cell('cpu-loop', 'sigkill', 'process', 2, WITHOUT_CLEANUP),
      ),
    );
    expect(sentences).toEqual([
      'SIGKILL left processes running in 2/2 trials (grandchild / sigkill / process); tree-kill in 0/2 (grandchild / tree-kill / process).',
      "SIGKILL's survivors were orphaned, up to 1 a trial: nothing of the trial waits for them or stops them (grandchild / sigkill / process).",
    ]);
  });

  it('says nothing when no workload starts processes', () => {
    expect(grandchildren.describe(recordOf(cell('cpu-loop', 'sigkill', 'process', 2), cell('cpu-loop', 'tree-kill', 'process', 2)))).toEqual([]);
  });
});

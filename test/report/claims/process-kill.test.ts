import { describe, expect, it } from 'vitest';
import { killedProcessOrphansChildren } from '../../../src/report/claims/killed-process-orphans-children.ts';
import { killedProcessSkipsCleanup } from '../../../src/report/claims/killed-process-skips-cleanup.ts';
import { processesSafer } from '../../../src/report/claims/processes-safer.ts';
import { buildProcesses, buildTempFiles } from '../build-leftovers.ts';
import { cell, leaving, recordOf, WITHOUT_CLEANUP } from '../build-cells.ts';

describe('claim 4: a process can be killed more safely than a thread', () => {
  const threadLeaves = cell('lock-holder', 'terminate', 'thread', 2, leaving({ tempFiles: buildTempFiles(['x']) }, { sharedMutex: 'held' }));

  it('is confirmed when SIGKILL of the child leaves fewer kinds of thing than terminate() of the worker, and more nowhere', () => {
    const { verdict, evidence } = processesSafer.evaluate(recordOf(threadLeaves, cell('lock-holder', 'sigkill', 'process', 2, leaving({ tempFiles: buildTempFiles(['x']) }))));
    expect(verdict).toBe('confirmed');
    expect(evidence).toEqual([
      'terminate() of the worker left temp files 2/2 and mutex held 2/2; SIGKILL of the child left temp files 2/2 (lock-holder / terminate / thread; lock-holder / sigkill / process).',
    ]);
  });

  it('is partly true when the process is safer on one workload and worse on another', () => {
    const record = recordOf(
      threadLeaves,
      cell('lock-holder', 'sigkill', 'process', 2, WITHOUT_CLEANUP),
      cell('grandchild', 'terminate', 'thread', 2, WITHOUT_CLEANUP),
      cell('grandchild', 'sigkill', 'process', 2, leaving({ processes: buildProcesses(1) })),
    );
    expect(processesSafer.evaluate(record).verdict).toBe('partly true');
  });

  it('is refuted when both leave the same, and not measured without both forced stops', () => {
    expect(processesSafer.evaluate(recordOf(cell('cpu-loop', 'terminate', 'thread', 1), cell('cpu-loop', 'sigkill', 'process', 1))).verdict).toBe('refuted');
    expect(processesSafer.evaluate(recordOf(threadLeaves)).verdict).toBe('not measured');
  });
});

describe('claim 5: killing a process skips its cleanup', () => {
  const hasCleanup = cell('temp-files', 'abort', 'process', 2);
  const signalled = (['sigterm', 'sigint', 'sigkill'] as const).map((kill) => cell('temp-files', kill, 'process', 2, leaving({ tempFiles: buildTempFiles(['a']) })));

  it('is confirmed when no signal ran the cleanup of a workload that has one, citing temp files left', () => {
    const { verdict, evidence } = killedProcessSkipsCleanup.evaluate(recordOf(hasCleanup, ...signalled));
    expect(verdict).toBe('confirmed');
    expect(evidence).toContain('`sigkill`: cleanup ran in 0/2 trials (temp-files / sigkill / process); temp files left in 2/2 (temp-files / sigkill / process).');
  });

  it('is partly true when a SIGTERM handler ran it', () => {
    const { verdict, evidence } = killedProcessSkipsCleanup.evaluate(recordOf(hasCleanup, ...signalled, cell('temp-files', 'sigterm-handled', 'process', 2)));
    expect(verdict).toBe('partly true');
    expect(evidence).toContain('With a SIGTERM handler (`sigterm-handled`) cleanup ran in 2/2 trials (temp-files / sigterm-handled / process).');
  });

  it('is refuted when every signalled trial ran its cleanup', () => {
    expect(killedProcessSkipsCleanup.evaluate(recordOf(hasCleanup, cell('temp-files', 'sigterm', 'process', 2))).verdict).toBe('refuted');
  });

  it('is not measured without a workload whose abort ran cleanup', () => {
    expect(killedProcessSkipsCleanup.evaluate(recordOf(...signalled)).verdict).toBe('not measured');
  });
});

describe('claim 11: killing a process does not kill the processes it started', () => {
  const startsProcesses = cell('grandchild', 'terminate', 'thread', 1, leaving({ processes: buildProcesses(1) }));

  it('is confirmed when the children of a workload that starts processes outlive SIGKILL, with tree-kill beside it', () => {
    const { verdict, evidence } = killedProcessOrphansChildren.evaluate(
      recordOf(startsProcesses, cell('grandchild', 'sigkill', 'process', 2, leaving({ processes: buildProcesses(1) })), cell('grandchild', 'tree-kill', 'process', 2, WITHOUT_CLEANUP)),
    );
    expect(verdict).toBe('confirmed');
    expect(evidence).toEqual([
      "After `sigkill` the child's own processes were still running in 2/2 trials (grandchild / sigkill / process).",
      "After `tree-kill` the child's own processes were still running in 0/2 trials (grandchild / tree-kill / process).",
    ]);
  });

  it('is refuted when SIGKILL took them with it', () => {
    expect(killedProcessOrphansChildren.evaluate(recordOf(startsProcesses, cell('grandchild', 'sigkill', 'process', 2, WITHOUT_CLEANUP))).verdict).toBe('refuted');
  });

  it('is not measured when no workload is seen starting processes', () => {
    expect(killedProcessOrphansChildren.evaluate(recordOf(cell('cpu-loop', 'sigkill', 'process', 2, WITHOUT_CLEANUP))).verdict).toBe('not measured');
  });
});

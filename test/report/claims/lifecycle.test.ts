import { describe, expect, it } from 'vitest';
import { cooperativeStopCleansUp } from '../../../src/report/claims/cooperative-stop-cleans-up.ts';
import { daemonThreadsSkipCleanup } from '../../../src/report/claims/daemon-threads-skip-cleanup.ts';
import { killedProcessKillsThreads } from '../../../src/report/claims/killed-process-kills-threads.ts';
import { processesCostMore } from '../../../src/report/claims/processes-cost-more.ts';
import { threadErrorEndsThread } from '../../../src/report/claims/thread-error-ends-thread.ts';
import { buildProcesses, buildTempFiles, MEBIBYTE } from '../build-leftovers.ts';
import { cell, erroredCell, hungCell, leaving, recordOf, WITHOUT_CLEANUP } from '../build-cells.ts';

describe('claim 8: background threads die with their program and run no cleanup', () => {
  const hasCleanup = cell('temp-files', 'abort', 'thread', 2);

  it('is confirmed when every worker ended with its killed host and none cleaned up', () => {
    const { verdict, evidence } = daemonThreadsSkipCleanup.evaluate(recordOf(hasCleanup, cell('temp-files', 'host-death', 'thread', 2, leaving({ tempFiles: buildTempFiles(['a']) }))));
    expect(verdict).toBe('confirmed');
    expect(evidence).toEqual([
      'Killing the host ended the work in 2/2 trials (temp-files / host-death / thread).',
      "The worker's cleanup ran in 0/2 trials (temp-files / host-death / thread).",
      'The dead worker left temp files in 2/2 trials (temp-files / host-death / thread).',
    ]);
  });

  it('is refuted when the cleanup ran every time, and not measured without host-death', () => {
    expect(daemonThreadsSkipCleanup.evaluate(recordOf(hasCleanup, cell('temp-files', 'host-death', 'thread', 2))).verdict).toBe('refuted');
    expect(daemonThreadsSkipCleanup.evaluate(recordOf(hasCleanup)).verdict).toBe('not measured');
  });
});

describe('claim 9: cooperative stopping cleans up completely, at a latency cost', () => {
  const forced = cell('cpu-loop', 'terminate', 'thread', 2, { ...WITHOUT_CLEANUP, stopMs: 2 });

  it('is confirmed when abort ended every trial cleanly and took longer than the forced stop', () => {
    const { verdict, evidence } = cooperativeStopCleansUp.evaluate(recordOf(cell('cpu-loop', 'abort', 'thread', 2, { stopMs: 9 }), forced));
    expect(verdict).toBe('confirmed');
    expect(evidence).toContain('In a thread, the median stop took 9.0 ms after abort (2 trials) and 2.0 ms after `terminate` (2 trials) (cpu-loop / abort / thread; cpu-loop / terminate / thread).');
  });

  it('is partly true when abort hung on a blocked workload, and refuted when every trial it ended leaked', () => {
    expect(cooperativeStopCleansUp.evaluate(recordOf(cell('cpu-loop', 'abort', 'thread', 2, { stopMs: 9 }), hungCell('blocking-read', 'abort', 'thread', 1), forced)).verdict).toBe('partly true');
    expect(cooperativeStopCleansUp.evaluate(recordOf(cell('cpu-loop', 'abort', 'thread', 2, leaving({ tempFiles: buildTempFiles(['a']) })))).verdict).toBe('refuted');
  });

  it('is not measured without an abort', () => {
    expect(cooperativeStopCleansUp.evaluate(recordOf(forced)).verdict).toBe('not measured');
  });
});

describe('claim 10: an unhandled error in a thread ends only that thread', () => {
  it('is confirmed when the crash ended the worker and the host was probed after, naming what the worker left', () => {
    const { verdict, evidence } = threadErrorEndsThread.evaluate(recordOf(cell('lock-holder', 'crash', 'thread', 2, leaving({}, { sharedMutex: 'held' }))));
    expect(verdict).toBe('confirmed');
    expect(evidence).toContain('The host kept what the dead worker held: the crash left the shared-memory mutex held in 2/2 trials (lock-holder / crash / thread).');
  });

  it('is refuted when every crash errored the trial, partly true when some did, not measured without crashes', () => {
    expect(threadErrorEndsThread.evaluate(recordOf(erroredCell('cpu-loop', 'crash', 'thread', 2))).verdict).toBe('refuted');
    expect(threadErrorEndsThread.evaluate(recordOf(cell('cpu-loop', 'crash', 'thread', 1), erroredCell('open-files', 'crash', 'thread', 1))).verdict).toBe('partly true');
    expect(threadErrorEndsThread.evaluate(recordOf(hungCell('blocking-read', 'crash', 'thread', 1))).verdict).toBe('not measured');
  });
});

describe('claim 12: killing a process kills all of its threads', () => {
  it('is confirmed when every worker ended with its host, contrasting a child that outlived its host', () => {
    const { verdict, evidence } = killedProcessKillsThreads.evaluate(
      recordOf(cell('cpu-loop', 'host-death', 'thread', 2, WITHOUT_CLEANUP), cell('cpu-loop', 'host-death', 'process', 2, leaving({ processes: buildProcesses(1) }))),
    );
    expect(verdict).toBe('confirmed');
    expect(evidence).toContain('A child process, by contrast, is not part of its host: killing the host left processes running in 2/2 trials (cpu-loop / host-death / process).');
  });

  it('is not measured without host-death in a thread', () => {
    expect(killedProcessKillsThreads.evaluate(recordOf(cell('cpu-loop', 'abort', 'thread', 1))).verdict).toBe('not measured');
  });
});

describe('claim 13: processes cost more memory and start more slowly', () => {
  const costs = (runtime: 'thread' | 'process', startMs: number | null, workMebibytes: number | null) =>
    cell('cpu-loop', 'abort', runtime, 2, { startMs, workMemoryBytes: workMebibytes === null ? null : workMebibytes * MEBIBYTE });

  it('is confirmed when a process is slower to start and holds more, citing both medians', () => {
    const { verdict, evidence } = processesCostMore.evaluate(recordOf(costs('thread', 30, 10), costs('process', 90, 40)));
    expect(verdict).toBe('confirmed');
    expect(evidence).toEqual([
      'Spawn latency (asked to start until `ready()`): median 30.0 ms in a thread (n = 2) and 90.0 ms in a process (n = 2), the process 3.0× the thread, over every probed trial of each runtime.',
      'Memory the work added at `ready()`: median 10.0 MiB in a thread (n = 2) and 40.0 MiB in a process (n = 2), the process 4.0× the thread, over every probed trial of each runtime.',
    ]);
  });

  it('is partly true on one of the two, refuted on neither, not measured without both runtimes', () => {
    expect(processesCostMore.evaluate(recordOf(costs('thread', 30, 50), costs('process', 90, 40))).verdict).toBe('partly true');
    expect(processesCostMore.evaluate(recordOf(costs('thread', 30, null), costs('process', 90, null))).verdict).toBe('partly true');
    expect(processesCostMore.evaluate(recordOf(costs('thread', 95, 50), costs('process', 90, 40))).verdict).toBe('refuted');
    expect(processesCostMore.evaluate(recordOf(costs('thread', 30, 10))).verdict).toBe('not measured');
  });
});

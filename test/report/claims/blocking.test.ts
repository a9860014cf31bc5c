import { describe, expect, it } from 'vitest';
import { blockedThreadMissesFlag } from '../../../src/report/claims/blocked-thread-misses-flag.ts';
import { timeoutMissesBlockingCall } from '../../../src/report/claims/timeout-misses-blocking-call.ts';
import { cell, hungCell, recordOf, WITHOUT_CLEANUP } from '../build-cells.ts';

const blockedInThread = hungCell('blocking-read', 'abort', 'thread', 2);

describe('claim 6: a blocked thread does not see a stop flag', () => {
  it('is confirmed by an abort that hung, and adds what terminate() did to the same workload', () => {
    const { verdict, evidence } = blockedThreadMissesFlag.evaluate(recordOf(blockedInThread, hungCell('blocking-read', 'terminate', 'thread', 2)));
    expect(verdict).toBe('confirmed');
    expect(evidence).toEqual([
      'The cooperative abort did not end the work within the stop timeout in 2/2 trials: the worker never saw the request (blocking-read / abort / thread).',
      'Of the same workloads, `terminate` hung in 2/2 (blocking-read / terminate / thread).',
    ]);
  });

  it('is not measured when every abort in a thread ended the work', () => {
    expect(blockedThreadMissesFlag.evaluate(recordOf(cell('cpu-loop', 'abort', 'thread', 2))).verdict).toBe('not measured');
  });
});

describe('claim 7: a timeout cannot interrupt a blocking call', () => {
  it('is confirmed when the timeout hung against every blocked workload', () => {
    expect(timeoutMissesBlockingCall.evaluate(recordOf(blockedInThread, hungCell('blocking-read', 'timeout', 'thread', 2))).verdict).toBe('confirmed');
  });

  it('is refuted when it ended them, and partly true when it ended them in one runtime only', () => {
    const endedInProcess = [hungCell('blocking-read', 'abort', 'process', 2), cell('blocking-read', 'timeout', 'process', 2, WITHOUT_CLEANUP)];
    const refuted = timeoutMissesBlockingCall.evaluate(recordOf(...endedInProcess));
    expect(refuted.verdict).toBe('refuted');
    expect(refuted.evidence).toEqual([
      'In a process, against the workloads its abort left hung (blocking-read / abort / process), the timeout ended the work in 2/2 trials (blocking-read / timeout / process).',
    ]);
    expect(timeoutMissesBlockingCall.evaluate(recordOf(blockedInThread, hungCell('blocking-read', 'timeout', 'thread', 2), ...endedInProcess)).verdict).toBe('partly true');
  });

  it('is not measured without a blocked workload stopped by a timeout', () => {
    expect(timeoutMissesBlockingCall.evaluate(recordOf(blockedInThread)).verdict).toBe('not measured');
  });
});

import { describe, expect, it } from 'vitest';
import { blockingCalls } from '../../../src/report/tradeoffs/blocking-calls.ts';
import { timeoutsAgainstBlocking } from '../../../src/report/tradeoffs/timeouts-against-blocking.ts';
import { cell, hungCell, recordOf, WITHOUT_CLEANUP } from '../build-cells.ts';

const record = recordOf(
  hungCell('blocking-read', 'abort', 'thread', 1),
  cell('cpu-loop', 'abort', 'thread', 1),
  hungCell('blocking-read', 'timeout', 'thread', 1),
  cell('cpu-loop', 'terminate', 'thread', 1, WITHOUT_CLEANUP),
);

describe('blockingCalls', () => {
  it('names, per runtime, the kill styles after which work hung and those after which it never did', () => {
    expect(blockingCalls.describe(record)).toEqual([
      'In a thread, work did not end within the stop timeout after `abort` in 1/2 workloads (blocking-read / abort / thread) and `timeout` in 1/1 workloads (blocking-read / timeout / thread).',
      'In a thread, the work ended within the stop timeout in every workload run after `terminate` (1 workload).',
    ]);
  });
});

describe('timeoutsAgainstBlocking', () => {
  it("says what the runtime's timeout did to the workloads a cooperative abort left hung", () => {
    expect(timeoutsAgainstBlocking.describe(record)).toEqual([
      "Against the workloads a cooperative abort left hung in a thread (blocking-read / abort / thread), the runtime's timeout hung in 1/1 (blocking-read / timeout / thread).",
    ]);
  });

  it('says nothing when no abort hung', () => {
    expect(timeoutsAgainstBlocking.describe(recordOf(cell('cpu-loop', 'abort', 'thread', 1), cell('cpu-loop', 'timeout', 'thread', 1)))).toEqual([]);
  });
});

import type { RunRecord } from '../../record/run-record.ts';
import type { Claim } from './claim.ts';
import { judgeForcedThreadLeftovers } from './judge-forced-thread-leftovers.ts';

export const forcedKillLeavesLocks: Claim = {
  statement: 'Killing a thread by force leaves its locks held, so the threads that wait for them deadlock.',
  nodeReading: 'After worker.terminate(), is a lock the worker held still held: a mutex in shared memory, a lock folder, an OS advisory lock?',
  evaluate: (record: RunRecord) => judgeForcedThreadLeftovers(record, ['mutex', 'locks']),
};

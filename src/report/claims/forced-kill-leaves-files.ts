import type { RunRecord } from '../../record/run-record.ts';
import type { Claim } from './claim.ts';
import { judgeForcedThreadLeftovers } from './judge-forced-thread-leftovers.ts';

export const forcedKillLeavesFiles: Claim = {
  statement: 'Killing a thread by force leaves its files and connections open.',
  nodeReading: "After worker.terminate(), are the worker's descriptors, FileHandles, sockets and ports still open in the process?",
  evaluate: (record: RunRecord) => judgeForcedThreadLeftovers(record, ['fds', 'sockets']),
};

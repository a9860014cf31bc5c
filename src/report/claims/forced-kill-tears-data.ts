import type { RunRecord } from '../../record/run-record.ts';
import type { Claim } from './claim.ts';
import { judgeForcedThreadLeftovers } from './judge-forced-thread-leftovers.ts';

export const forcedKillTearsData: Claim = {
  statement: 'Killing a thread by force can leave shared data half-written.',
  nodeReading: "After worker.terminate() in the middle of a write, does the workload's own check find acknowledged records missing or torn, or its store corrupt?",
  evaluate: (record: RunRecord) => judgeForcedThreadLeftovers(record, ['data']),
};

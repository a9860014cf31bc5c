import type { RunRecord } from '../../record/run-record.ts';
import { describeRuntimeCost, measureRuntimeCosts } from '../evidence/runtime-costs.ts';
import type { TradeoffRule } from './tradeoff-rule.ts';

/** What it costs to have the work running at all: spawn latency and memory, thread against process, where both measured. */
export const runtimeCosts: TradeoffRule = {
  title: 'Spawn latency and memory: thread or process',
  describe: (record: RunRecord) => measureRuntimeCosts(record).filter((cost) => cost.thread !== null && cost.process !== null).map(describeRuntimeCost),
};

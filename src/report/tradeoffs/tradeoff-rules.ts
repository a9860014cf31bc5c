import { blockingCalls } from './blocking-calls.ts';
import { forcedThreadStop } from './forced-thread-stop.ts';
import { grandchildren } from './grandchildren.ts';
import { runtimeCosts } from './runtime-costs.ts';
import { signalsInProcess } from './signals-in-process.ts';
import { stopLatency } from './stop-latency.ts';
import { timeoutsAgainstBlocking } from './timeouts-against-blocking.ts';
import type { TradeoffRule } from './tradeoff-rule.ts';

/** Every tradeoff the report states, in the order it states them; a new one is one more rule here. */
export const TRADEOFF_RULES: readonly TradeoffRule[] = [
  forcedThreadStop,
  signalsInProcess,
  grandchildren,
  blockingCalls,
  timeoutsAgainstBlocking,
  stopLatency,
  runtimeCosts,
];

import type { RunRecord } from '../../record/run-record.ts';

/**
 * One tradeoff the report states, as a rule over the recorded run. Each sentence cites the cells and figures it rests
 * on; a rule whose cells are missing from the run returns no sentence rather than guessing.
 */
export interface TradeoffRule {
  /** What the rule weighs, as the report names it. */
  readonly title: string;
  describe(record: RunRecord): string[];
}

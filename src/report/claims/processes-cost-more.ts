import type { RunRecord } from '../../record/run-record.ts';
import { describeRuntimeCost, measureRuntimeCosts } from '../evidence/runtime-costs.ts';
import { type Claim, type ClaimVerdict, decide } from './claim.ts';

/**
 * Medians of startMs and workMemoryBytes per runtime, over every probed trial. Confirmed: a process costs more on both;
 * partly true: on one of the two, or on the only one measured; refuted: on none measured; not measured: neither was
 * measured in both runtimes.
 */
export const processesCostMore: Claim = {
  statement: 'Processes take more memory and start more slowly than threads.',
  nodeReading: 'Spawn latency (asked to start until ready()) and the memory the work added, per runtime, measured.',
  evaluate(record: RunRecord): ClaimVerdict {
    const costs = measureRuntimeCosts(record);
    const measured = costs.filter((cost) => cost.thread !== null && cost.process !== null);
    if (measured.length === 0) return decide('not measured', ...costs.map(describeRuntimeCost));
    const higher = measured.filter((cost) => (cost.process?.median ?? 0) > (cost.thread?.median ?? 0));
    const verdict = higher.length === 0 ? 'refuted' : higher.length === costs.length ? 'confirmed' : 'partly true';
    return decide(verdict, ...costs.map(describeRuntimeCost));
  },
};

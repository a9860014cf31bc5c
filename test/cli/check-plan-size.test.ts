import { describe, expect, it } from 'vitest';
import { checkPlanSize, estimatePlan, estimateWorstTrial, LONG_PLAN_MS, type PlanSize } from '../../src/cli/check-plan-size.ts';
import { UsageError } from '../../src/errors/usage-error.ts';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';

// The plan's length is estimated from one trial per cell, so a plan of millions costs no more to refuse than one of ten.
const workload = { name: 'cpu-loop', criticalSections: [] };
const plan = (fields: Partial<PlanSize> = {}): PlanSize => ({
  ...DEFAULTS,
  runtimes: ['thread', 'process'],
  kills: ['abort', 'sigkill', 'timeout'],
  workloads: [workload],
  seed: 1,
  shard: null,
  versions: 1,
  ...fields,
});

function refusal(size: PlanSize): string {
  try {
    checkPlanSize(size, false);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('the plan size check', () => {
  it('counts the applicable trials of every version, and the waits their kill points set', () => {
    // abort in both runtimes, sigkill in the process, timeout in both: 5 applicable cells.
    const { trials, ms } = estimatePlan(plan({ trials: 4, versions: 2, concurrency: 1 }));
    expect(trials).toBe(5 * 4 * 2);
    // 500 ms each, a 25 ms mean delay for 3 cells, the 1.5 s deadline for 2.
    expect(ms).toBe(40 * 500 + (3 * 25 + 2 * DEFAULTS.deadlineMs) * 8);
    expect(estimatePlan(plan({ trials: 4, versions: 2, concurrency: 4 })).ms).toBe(ms / 4);
  });

  it('lets a plan of minutes run, and refuses one of hours naming what made it long, unless --yes', () => {
    expect(refusal(plan())).toBe('accepted');
    expect(refusal(plan({ trials: 10_000 }))).toMatch(
      /^--trials value "10000" is not allowed; the plan's 50000 trials would take about \d+h \d\dm on 2 lane\(s\); allowed: at most 1h 00m, or --yes to run it anyway$/,
    );
    expect(refusal(plan({ killDelayMaxMs: 10_000_000 }))).toMatch(/^--kill-delay value "10000000" is not allowed; the plan's 10 trials would take/);
    expect(refusal(plan({ deadlineMs: 2_000_000 }))).toMatch(/^--deadline value "2000000" is not allowed/);
    expect(() => checkPlanSize(plan({ trials: 10_000 }), true)).not.toThrow();
  });

  it('refuses a plan whose one trial could wait for hours, by the option that would', () => {
    expect(estimateWorstTrial(plan()).ms).toBe(DEFAULTS.startTimeoutMs + DEFAULTS.killDelayMaxMs + DEFAULTS.stopTimeoutMs);
    // A sequence's waits come before the stop timeout: the longest planned one counts, --grace for abort-then-force.
    const escalating = plan({ kills: ['abort', 'abort-then-force', 'docker-stop'] });
    expect(estimateWorstTrial(escalating).ms).toBe(DEFAULTS.startTimeoutMs + DEFAULTS.killDelayMaxMs + 10_000 + DEFAULTS.stopTimeoutMs);
    expect(estimateWorstTrial(plan({ kills: ['abort-then-force'], graceMs: 20_000 })).cause).toEqual({ flag: '--grace', value: 20_000 });
    expect(refusal(plan({ kills: ['abort', 'sigterm>7200s>sigkill'] }))).toMatch(
      /^--kill value "sigterm>7200s>sigkill" is not allowed; one trial that never becomes ready, or never stops, would take about 2h 00m;/,
    );
    expect(refusal(plan({ stopTimeoutMs: LONG_PLAN_MS }))).toMatch(
      /^--stop-timeout value "3600000" is not allowed; one trial that never becomes ready, or never stops, would take about 1h 00m; allowed: at most 1h 00m, or --yes to run it anyway$/,
    );
    expect(refusal(plan({ startTimeoutMs: 2 * LONG_PLAN_MS }))).toMatch(/^--start-timeout value "7200000" is not allowed/);
  });
});

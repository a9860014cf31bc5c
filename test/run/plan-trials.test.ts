import { describe, expect, it } from 'vitest';
import { KILL_STYLE_NAMES } from '../../src/kill-styles/kill-styles.ts';
import { type PlannedTrial, planTrials, type TrialPlanInput } from '../../src/run/plan-trials.ts';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';

const plan: TrialPlanInput = {
  runtimes: [...NODE_RUNTIME_NAMES],
  kills: [...KILL_STYLE_NAMES],
  workloads: [
    { name: 'plain', criticalSections: [] },
    { name: 'locking', criticalSections: ['holding-lock', 'writing'] },
  ],
  trials: 3,
  seed: 42,
  killPoint: 'auto',
  killDelayMaxMs: 50,
  deadlineMs: 1500,
  shard: null,
};

const describeTrial = ({ key, killPoint }: PlannedTrial) => `${key.workload}/${key.kill}/${key.runtime}#${key.trial} ${JSON.stringify(killPoint)}`;

describe('planTrials', () => {
  it('gives the same trials and kill points for the same seed, and other kill points for another seed', () => {
    expect(planTrials(plan)).toEqual(planTrials({ ...plan }));
    const delays = (seed: number) => planTrials({ ...plan, seed }).flatMap(({ killPoint }) => (killPoint?.kind === 'delay' ? [killPoint.delayMs] : []));
    expect(delays(42)).not.toEqual(delays(43));
  });

  it('draws delays from 0 to the maximum, and spreads them', () => {
    const delays = planTrials(plan).flatMap(({ killPoint }) => (killPoint?.kind === 'delay' ? [killPoint.delayMs] : []));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(50);
    expect(new Set(delays).size).toBeGreaterThan(delays.length / 3);
  });

  it('aims at a declared section in auto mode, only at delays in delay mode, and at the deadline for timeout', () => {
    const kinds = (mode: TrialPlanInput['killPoint'], workload: string, kill: string) =>
      new Set(
        planTrials({ ...plan, killPoint: mode })
          .filter(({ key }) => key.workload === workload && key.kill === kill && key.runtime === 'thread')
          .map(({ killPoint }) => killPoint?.kind),
      );
    expect(kinds('auto', 'locking', 'terminate')).toEqual(new Set(['section']));
    expect(kinds('auto', 'plain', 'terminate')).toEqual(new Set(['delay']));
    expect(kinds('delay', 'locking', 'terminate')).toEqual(new Set(['delay']));
    expect(kinds('auto', 'locking', 'timeout')).toEqual(new Set(['deadline']));
  });

  it('plans one not-applicable entry for a style that does not apply, with no kill point', () => {
    const terminateInProcess = planTrials(plan).filter(({ key }) => key.kill === 'terminate' && key.runtime === 'process' && key.workload === 'plain');
    expect(terminateInProcess).toHaveLength(1);
    expect(terminateInProcess[0]).toMatchObject({ killPoint: null, notApplicable: expect.stringContaining('no terminate()') });
  });

  it('rules out every cell of a workload that cannot run here, and only the asking styles for one that never sees a stop request', () => {
    const workloads = [
      { name: 'needs-a-package', criticalSections: [], unavailable: 'the optional package is missing' },
      { name: 'pool-task', criticalSections: [], receivesStopRequest: false },
    ];
    const planned = planTrials({ ...plan, workloads, trials: 1 });
    const ruledOut = (workload: string) =>
      new Set(
        planned
          .filter(
            ({ key, notApplicable }) =>
              key.workload === workload &&
              notApplicable !== null &&
              !notApplicable.includes('no terminate()') &&
              !notApplicable.includes('Node.js has no way') &&
              !notApplicable.includes('a cgroup step would end the host') &&
              !notApplicable.includes('a Python kill style'),
          )
          .map(({ key }) => key.kill),
      );
    expect(ruledOut('needs-a-package')).toEqual(new Set(KILL_STYLE_NAMES));
    expect(planned.find(({ key }) => key.workload === 'needs-a-package')?.notApplicable).toBe('the optional package is missing');
    expect(ruledOut('pool-task')).toEqual(new Set(['abort', 'sigterm-handled']));
    expect(planned.find(({ key }) => key.workload === 'pool-task' && key.kill === 'abort-then-force')?.notApplicable).toBeNull();
  });

  it('splits the cells into shards that keep each cell whole and together equal the unsharded plan', () => {
    const whole = planTrials(plan);
    const shards = [1, 2, 3].map((index) => planTrials({ ...plan, shard: { index, count: 3 } }));
    expect(
      shards
        .flat()
        .sort((a, b) => a.number - b.number)
        .map(describeTrial),
    ).toEqual(whole.map(describeTrial));
    expect(
      shards
        .flat()
        .map(({ number }) => number)
        .sort((a, b) => a - b),
    ).toEqual(whole.map(({ number }) => number));
    const cellsOf = (trials: PlannedTrial[]) => new Set(trials.map(({ key }) => `${key.workload}/${key.kill}/${key.runtime}`));
    const [first, second] = shards.map(cellsOf);
    expect([...(first ?? [])].filter((cell) => second?.has(cell))).toEqual([]);
  });
});

import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';
import { describeContainment } from '../../src/process-family/containment.ts';
import type { StoppedTrial } from '../../src/record/trial-result.ts';
import { planTrials } from '../../src/run/plan-trials.ts';
import { resolveWorkloads } from '../../src/run/resolve-workloads.ts';
import { runHarness } from '../../src/run/run-harness.ts';
import { countLeftovers, createTrialRunner, fixtureUrl } from '../support/trial-runner.ts';

const runner = createTrialRunner();
afterAll(() => runner.remove());

const NOTHING = { fds: 0, tempFiles: 0, processes: 0 };
const stopped = (result: unknown) => result as StoppedTrial;

describe('a sequence composed of steps', () => {
  // A wait ends once the work is gone: a long one costs nothing when the ask is heard, and leaves a loaded machine
  // all the time it needs to show it.
  it.each([
    ['thread', 'abort>5s>terminate'],
    ['process', 'abort>5s>tree-kill'],
  ] as const)('in a %s, ends a workload that stops on the ask by the ask (%s): step 1, its cleanup run', async (runtime, kill) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), runtime, kill });
    expect(result).toMatchObject({ outcome: 'stopped', endedBy: 'abort', endedByStep: 1, cleanupRan: true });
  });

  it.each([
    ['thread', 'abort>200ms>terminate', 'terminate'],
    ['process', 'abort>200ms>tree-kill', 'tree-kill'],
  ] as const)('in a %s, forces a workload that ignores the ask once the wait is over (%s): step 3', async (runtime, kill, force) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('ignores-abort'), runtime, kill });
    expect(result).toMatchObject({ outcome: 'stopped', endedBy: force, endedByStep: 3, cleanupRan: false });
    expect(stopped(result).stopMs).toBeGreaterThanOrEqual(200);
  });
});

describe('a sequence that signals the cgroup', () => {
  // systemd's stop, with a short wait: SIGTERM to every process of the cgroup, SIGKILL to what is left after the wait.
  const unitStop = 'cgroup-sigterm>300ms>cgroup-sigkill';
  const workloadUrl = fixtureUrl('spawns-sigterm-proof-grandchild');

  it('waits for the whole cgroup, and its SIGKILL ends the grandchild a SIGTERM sequence to the child alone leaves', async () => {
    const containment = describeContainment();
    if (!containment.available) {
      // An ordinary user's hosts get no cgroup: the cell is not applicable, with the reason, never run.
      const [planned] = planTrials({
        ...DEFAULTS,
        runtimes: ['process'],
        kills: [unitStop],
        workloads: [{ name: 'w', criticalSections: [] }],
        seed: 1,
        shard: null,
      });
      expect(planned?.notApplicable).toBe(`${unitStop} signals the host's cgroup, and hosts get none on this machine: ${containment.description}`);
      return;
    }
    const unit = await runner.run({ workloadUrl, runtime: 'process', kill: unitStop });
    expect(unit).toMatchObject({ outcome: 'stopped', endedBy: 'cgroup-sigkill', endedByStep: 3, exit: { signal: 'SIGTERM' } });
    expect(countLeftovers(unit)).toEqual(NOTHING);
    const childOnly = await runner.run({ workloadUrl, runtime: 'process', kill: 'sigterm>5s>sigkill' });
    expect(childOnly).toMatchObject({ outcome: 'leaked', endedBy: 'sigterm', endedByStep: 1 });
    expect(countLeftovers(childOnly)).toEqual({ ...NOTHING, processes: 1 });
  });
});

describe('a preset', () => {
  it('runs where its steps apply, and reads not applicable, with the step and the reason, where one does not', async () => {
    const workloads = await resolveWorkloads([fileURLToPath(fixtureUrl('cleans-up'))], [], { node: true, python: null });
    const record = await runHarness({
      ...DEFAULTS,
      runtimes: ['thread', 'process'],
      kills: ['vitest-forks'],
      workloads,
      trials: 1,
      seed: 3,
      shard: null,
      command: 'test',
    });
    const [inThread, inProcess] = ['thread', 'process'].map((runtime) => record.results.find((result) => result.runtime === runtime));
    expect(inThread).toMatchObject({
      outcome: 'not-applicable',
      reason: 'step 3 sigterm: a signal is delivered to the whole host process; Node.js has no way to signal one worker thread',
    });
    expect(inProcess).toMatchObject({ outcome: 'stopped', endedBy: 'ask', endedByStep: 1, cleanupRan: true });
  });
});

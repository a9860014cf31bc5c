import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';
import { resolveWorkloads } from '../../src/run/resolve-workloads.ts';
import { runHarness } from '../../src/run/run-harness.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';
import { findLivingProcessesOf, listCgroupsOf } from '../support/living-processes.ts';

// A lane fails for real: once the first result is in, the run's folder is taken away (as a full disk or a user's
// `rm` would), so the next trial cannot create its own and its lane rejects, while the other lane is mid-trial with
// a grandchild alive. The run must stop its other lane, reap every process, and create no folder again.
it('a failing lane stops the other lanes, reaps their trials and never re-creates the run folder', async () => {
  const workloads = await resolveWorkloads(['grandchild']);
  const run = {
    ...DEFAULTS,
    runtimes: ['process' as const],
    kills: ['sigkill' as const],
    workloads,
    trials: 6,
    seed: 1,
    shard: null,
    concurrency: 2,
    // Each trial's result comes at once, not after a watch of its grandchild: the folder goes while trials are to come.
    lingerMs: 0,
    command: 'test',
  };
  let started: { runId: string; runDirectory: string } | undefined;
  const recorded: TrialResult[] = [];
  const running = runHarness(run, {
    onStart: (startedRun) => (started = startedRun),
    onResult(result) {
      recorded.push(result);
      if (started !== undefined) removeDirectory(started.runDirectory);
    },
  });
  await expect(running).rejects.toThrow(/ENOENT/);
  if (started === undefined) throw new Error('the run never started');
  expect(recorded.length).toBeLessThan(6);
  expect(existsSync(started.runDirectory)).toBe(false);
  expect(findLivingProcessesOf(started.runId)).toEqual([]);
  expect(listCgroupsOf(started.runId)).toEqual([]);
});

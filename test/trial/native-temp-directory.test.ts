import { afterAll, expect, it } from 'vitest';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { createTrialRunner, fixtureUrl } from '../support/trial-runner.ts';

const runner = createTrialRunner();
afterAll(() => runner.remove());

// In a thread, setting process.env.TMPDIR inside the worker changes only the worker's copy; native code reads the
// process's own environment. The host gives the trial's directory to that environment too, so both runtimes agree.
it.each(NODE_RUNTIME_NAMES)('native code in a %s sees the trial directory as TMPDIR', async (runtime) => {
  const result = await runner.run({ workloadUrl: fixtureUrl('reports-native-tmpdir'), runtime, kill: 'abort' });
  expect('cleanupSteps' in result ? result.cleanupSteps : result).toEqual(['native TMPDIR is the trial directory']);
});

import { afterAll, expect, it } from 'vitest';
import { createTrialRunner, fixtureUrl } from '../support/trial-runner.ts';

const runner = createTrialRunner();
afterAll(() => runner.remove());

// A section entered before the drawn delay and still held when it is over counts as entered: the kill lands then,
// inside it, instead of the trial erroring because the workload never entered it again.
it.each([
  ['thread', 'terminate'],
  ['process', 'sigkill'],
] as const)('a section entered right after ready() and never left is where a %s stopped by %s is killed', async (runtime, kill) => {
  const result = await runner.run({
    workloadUrl: fixtureUrl('enters-section-at-ready'),
    runtime,
    kill,
    killPoint: { kind: 'section', section: 'holding-lock', afterMs: 150 },
  });
  expect(result.outcome === 'stopped' || result.outcome === 'leaked' ? result.killedInSection : result).toBe('holding-lock');
});

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { loadWorkload } from '../../src/workload/load-workload.ts';
import { BUILT_IN_WORKLOAD_NAMES, BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const runner = createTrialRunner();
afterAll(() => runner.remove());

describe('BUILT_IN_WORKLOADS', () => {
  it('lists cpu-loop, open-files, temp-files and grandchild', () => {
    expect(BUILT_IN_WORKLOAD_NAMES).toEqual(['cpu-loop', 'open-files', 'temp-files', 'grandchild']);
  });

  it.each(BUILT_IN_WORKLOAD_NAMES)('points %s at a compiled module in dist/ that declares the same name and description', async (name) => {
    const builtIn = BUILT_IN_WORKLOADS[name];
    const path = fileURLToPath(builtIn.moduleUrl);
    expect(path).toMatch(/\/dist\/workloads\/[a-z-]+\.js$/);
    expect(existsSync(path)).toBe(true);
    const workload = await loadWorkload(builtIn.moduleUrl);
    expect({ name: workload.name, description: workload.description }).toEqual({ name, description: builtIn.description });
  });
});

describe.each(RUNTIME_NAMES)('each built-in workload in a %s', (runtime) => {
  it.each(BUILT_IN_WORKLOAD_NAMES)('%s stops on abort with nothing left and its cleanup recorded', async (name) => {
    const result = await runner.run({ workloadUrl: BUILT_IN_WORKLOADS[name].moduleUrl, runtime, kill: 'abort' });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: true });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });
});

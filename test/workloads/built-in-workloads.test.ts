import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { loadWorkload } from '../../src/workload/load-workload.ts';
import { BUILT_IN_WORKLOAD_NAMES, BUILT_IN_WORKLOADS, type BuiltInWorkloadName } from '../../src/workloads/built-in-workloads.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const runner = createTrialRunner();
afterAll(() => runner.remove());

/** Their abort is tested in their own files: a blocked call never sees the stop, and data files stay for verify(). */
const ABORT_TESTED_APART: readonly BuiltInWorkloadName[] = [
  'journal-writer',
  'sqlite-transaction',
  'blocking-atomics-wait',
  'blocking-fifo-read',
  'blocking-exec-sync',
  'ignores-stop',
];
const STOP_CLEANLY_ON_ABORT = BUILT_IN_WORKLOAD_NAMES.filter((name) => !ABORT_TESTED_APART.includes(name));

describe('BUILT_IN_WORKLOADS', () => {
  it('lists the workloads in report order', () => {
    expect(BUILT_IN_WORKLOAD_NAMES).toEqual([
      'cpu-loop',
      'open-files',
      'temp-files',
      'grandchild',
      'tcp-server',
      'lock-holder',
      'memory-hog',
      'journal-writer',
      'sqlite-transaction',
      'shared-struct',
      'two-write-record',
      'blocking-atomics-wait',
      'blocking-fifo-read',
      'blocking-exec-sync',
      'ignores-stop',
      'grandchild-holds-stdout',
      'keeps-parent-handle',
      'keeps-native-memory',
    ]);
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

describe.each(NODE_RUNTIME_NAMES)('each built-in workload in a %s', (runtime) => {
  it.each(STOP_CLEANLY_ON_ABORT)('%s stops on abort with nothing left and its cleanup recorded', async (name) => {
    const result = await runner.run({ workloadUrl: BUILT_IN_WORKLOADS[name].moduleUrl, runtime, kill: 'abort' });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: true });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import type { KillStyleName } from '../../src/kill-styles/kill-styles.ts';
import type { RuntimeName } from '../../src/runtime/runtime.ts';
import { countLeftovers, createTrialRunner, fixtureUrl } from '../support/trial-runner.ts';

interface Stop {
  readonly runtime: RuntimeName;
  readonly kill: KillStyleName;
}

const ABORTS: Stop[] = [
  { runtime: 'thread', kill: 'abort' },
  { runtime: 'process', kill: 'abort' },
];
const FORCED_STOPS: Stop[] = [
  { runtime: 'thread', kill: 'terminate' },
  { runtime: 'process', kill: 'sigterm' },
  { runtime: 'process', kill: 'sigkill' },
];
const EVERY_STOP = [...ABORTS, ...FORCED_STOPS];
const NOTHING = { fds: 0, tempFiles: 0, processes: 0 };

const runner = createTrialRunner();
afterAll(() => runner.remove());

describe('runTrial with a fixture that never closes its 2 descriptors', () => {
  // Nothing is left in either runtime, and that is what Node.js does, not a blind probe (test/probes/fds.test.ts
  // shows the probe counting exactly such descriptors). Threads: tinypool starts its workers with
  // trackUnmanagedFds, so Node.js closes every fs.openSync descriptor when the worker exits, whether terminate()
  // ended it or tinypool's isolateWorkers disposed of it after the task returned. Processes: the child exits
  // (or is killed), and the kernel closes a dead process's descriptors.
  it.each(EVERY_STOP)('leaves no descriptor in a $runtime stopped by $kill', async (stop) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('leaks-fd'), ...stop });
    expect(result.outcome).toBe('stopped');
    expect(countLeftovers(result)).toEqual(NOTHING);
  });
});

describe('runTrial with a fixture that never removes its temp file', () => {
  it.each(EVERY_STOP)('finds exactly that file after a $runtime stopped by $kill', async (stop) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('leaks-temp-file'), ...stop });
    expect(result.outcome).toBe('leaked');
    expect(countLeftovers(result)).toEqual({ ...NOTHING, tempFiles: 1 });
    expect(result.outcome === 'leaked' && result.leftovers.tempFiles?.paths).toEqual([expect.stringMatching(/^leaks-temp-file-/)]);
  });
});

describe('runTrial with a fixture that never kills its sleep child', () => {
  // No stop reaches a grandchild: a worker's end does not signal its children, nor does a child's death.
  it.each(EVERY_STOP)('finds exactly that sleep alive after a $runtime stopped by $kill', async (stop) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('spawns-grandchild'), ...stop });
    expect(result.outcome).toBe('leaked');
    expect(countLeftovers(result)).toEqual({ ...NOTHING, processes: 1 });
    expect(result.outcome === 'leaked' && result.leftovers.processes?.survivors.map((survivor) => survivor.command)).toEqual(['sleep']);
  });
});

describe('runTrial with a fixture that ignores the abort', () => {
  it.each(ABORTS)('reports a $runtime asked to $kill as hung once the stop timeout passes, idle in its event loop', async (stop) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('ignores-abort'), ...stop, stopTimeoutMs: 1000 });
    // Between its timers the thread waits in its own event loop, and on them it runs: either way it is not blocked in
    // a call, it is simply not listening, which is what tells it apart from a blocked worker. Each reading is a sample.
    expect(result).toMatchObject({ outcome: 'hung', phase: 'stop', stopMs: null, cleanupRan: false });
    for (const reading of result.outcome === 'hung' ? [result.workAtStop, result.workAtHang] : []) {
      expect(reading?.state).toMatch(/^(waiting-for-events|running)$/);
      if (reading?.state === 'waiting-for-events') expect(reading.systemCall).toMatch(/^epoll_(p?wait|pwait2)$/);
    }
  });

  it.each(FORCED_STOPS)('is still stopped, with nothing left, by $kill in a $runtime', async (stop) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('ignores-abort'), ...stop, stopTimeoutMs: 1000 });
    expect(result.outcome).toBe('stopped');
    expect(countLeftovers(result)).toEqual(NOTHING);
  });
});

describe('runTrial with a fixture that releases a descriptor, a temp file and a child in finally', () => {
  it.each(ABORTS)('leaves nothing and records the cleanup after $kill in a $runtime', async (stop) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), ...stop });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: true, cleanupSteps: ['released descriptor, temp file and child'] });
    expect(countLeftovers(result)).toEqual(NOTHING);
  });

  // The cleanup never runs, so its two files (held.log and the tmp file) and the sleep stay; the descriptor is
  // closed anyway, for the reasons given for leaks-fd above.
  it.each(FORCED_STOPS)('leaves its files and child when $kill skips the cleanup in a $runtime', async (stop) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), ...stop });
    expect(result).toMatchObject({ outcome: 'leaked', cleanupRan: false });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 2, processes: 1 });
  });
});

describe('runTrial with a fixture that only awaits its signal', () => {
  // Nothing in it keeps an event loop alive; the child must wait for run() as a tinypool worker does.
  it.each(ABORTS)('stays alive until $kill in a $runtime, then records its cleanup', async (stop) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('awaits-only-signal'), ...stop });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: true, exit: { code: 0, signal: null, error: null } });
  });
});

describe('runTrial with the timeout style', () => {
  // The runtime's deadline counts from the start of the work, and may be far longer than the stop timeout (a busy
  // machine raises it): the harness waits for the kill point before it waits for the stop.
  it.each(['thread', 'process'] as const)('waits for a %s deadline longer than the stop timeout, then times the stop', async (runtime) => {
    const result = await runner.run({ workloadUrl: fixtureUrl('cleans-up'), runtime, kill: 'timeout', stopTimeoutMs: 200 });
    // Ended by the deadline, and too fast for its cleanup: what it held is left, which says the stop came.
    expect(result).toMatchObject({ outcome: 'leaked', killPoint: { kind: 'deadline' }, cleanupRan: false });
  });
});

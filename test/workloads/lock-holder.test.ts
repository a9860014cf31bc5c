import { readdirSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { type StartedInTest, startInTest } from '../support/start-work.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const workloadUrl = BUILT_IN_WORKLOADS['lock-holder'].moduleUrl;
const runner = createTrialRunner();
let started: StartedInTest | undefined;
afterEach(() => started?.dispose());
afterAll(() => runner.remove());

describe.each(NODE_RUNTIME_NAMES)('lock-holder in a %s', (runtime) => {
  it('on abort releases the lock and removes the file', async () => {
    started = startInTest(runtime, workloadUrl);
    await started.ready;
    const end = await started.stop();
    expect(end.error).toBeNull();
    expect(readdirSync(started.directory.workDir)).toEqual([]);
    expect(started.readCleanupSteps()).toEqual(['lock released and mutex unlocked']);
  });
});

/** Every kill below lands while both locks are held, not by luck: the workload holds its section until the stop. */
const inLock = { kind: 'section', section: 'holding-lock', afterMs: 0 } as const;

describe('lock-holder under a forced stop inside its holding-lock section', () => {
  it('terminate() in a thread leaves the lock folder on disk and the shared mutex held in the host', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'thread', kill: 'terminate', killPoint: inLock });
    // proper-lockfile removes its folders only from signal-exit's exit and signal hooks; none runs when a worker is terminated.
    expect(result).toMatchObject({
      outcome: 'leaked',
      killedInSection: 'holding-lock',
      cleanupRan: false,
      sharedMutex: 'held',
      leftovers: { tempFiles: { paths: ['resource', 'resource.lock/'] } },
    });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 2, processes: 0 });
  });

  it('SIGTERM to a child skips the cleanup, but proper-lockfile still removes its lock folder', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'process', kill: 'sigterm', killPoint: inLock });
    // signal-exit, which proper-lockfile uses, catches SIGTERM, removes the lock folders, then re-raises the signal.
    expect(result).toMatchObject({
      outcome: 'leaked',
      killedInSection: 'holding-lock',
      cleanupRan: false,
      exit: { signal: 'SIGTERM' },
      leftovers: { tempFiles: { paths: ['resource'] } },
    });
  });

  it('SIGKILL to a child leaves both the file and its lock folder', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'process', kill: 'sigkill', killPoint: inLock });
    expect(result).toMatchObject({
      outcome: 'leaked',
      killedInSection: 'holding-lock',
      cleanupRan: false,
      exit: { signal: 'SIGKILL' },
      leftovers: { tempFiles: { paths: ['resource', 'resource.lock/'] } },
    });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 2, processes: 0 });
  });

  it('cooperative abort lands in the section and waits for it to end: the lock and the mutex are free, the cleanup ran', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'thread', kill: 'abort', killPoint: inLock });
    // The stop arrived inside the section (the log as it stood then), though the workload left it before it ended.
    expect(result).toMatchObject({ outcome: 'stopped', killedInSection: 'holding-lock', cleanupRan: true, sharedMutex: 'free' });
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKER_VARIABLE, TEMP_PREFIX } from '../../src/marker/marker.ts';
import { readEnvironmentVariable } from '../../src/linux-proc/process-environment.ts';
import { listPids, readProcessStat } from '../../src/linux-proc/process-stat.ts';
import { NODE_RUNTIME_NAMES as RUNTIME_NAMES, type NodeRuntimeName as RuntimeName } from '../../src/runtime/runtime.ts';
import type { TrialResult } from '../../src/record/trial-result.ts';
import { findLivingProcessesOf } from '../support/living-processes.ts';
import { GRANDCHILDREN } from '../fixtures/workloads/hostile/spawns-200-grandchildren.ts';
import { countLeftovers, createTrialRunner, fixtureUrl, type TrialRequest } from '../support/trial-runner.ts';

// Each hostile workload must end in a clear outcome, leave no process carrying its trial's marker and no trial
// directory, and leave the runner able to run the next trial. A host is a direct child of this process, so its
// marker names the trial; the runner numbers its trials in the order run() is called.
const HOST_WATCH_INTERVAL_MS = 10;
const HANG_STOP_TIMEOUT_MS = 1_000;
/** tree-kill runs one `ps --ppid` per process of the tree before it signals any: about 3.5 s for 201 processes here. */
const TREE_KILL_STOP_TIMEOUT_MS = 20_000;
const SMALL_HEAP_MB = 64;
/** Far beyond the ~0.4 s the fixture needs to fill a 64 MB heap, so the cap, not the kill, ends it. */
const LATE_KILL = { kind: 'delay', delayMs: 5_000 } as const;
const NOTHING = { fds: 0, tempFiles: 0, processes: 0 };

const runner = createTrialRunner();
let trialsRun = 0;
let runId: string | null = null;
type NeverReady = 'hostile/never-ready' | 'outcomes/blocks-before-ready';
let neverReady: Record<`${NeverReady} ${RuntimeName}`, Promise<TrialResult>>;
// Only the start timeout ends a workload that never calls ready(): those trials start first and wait it out, idle or
// blocked, while the others run; their tests, last, collect them.
const NEVER_READY_TIMEOUT_MS = 3_000;
beforeAll(() => {
  neverReady = {
    'hostile/never-ready thread': runInBackground('hostile/never-ready', 'thread'),
    'hostile/never-ready process': runInBackground('hostile/never-ready', 'process'),
    'outcomes/blocks-before-ready thread': runInBackground('outcomes/blocks-before-ready', 'thread'),
    'outcomes/blocks-before-ready process': runInBackground('outcomes/blocks-before-ready', 'process'),
  };
});
afterAll(() => runner.remove());

function runInBackground(fixture: NeverReady, runtime: RuntimeName): Promise<TrialResult> {
  const trial = runHostile({ workloadUrl: fixtureUrl(fixture), runtime, kill: 'abort', startTimeoutMs: NEVER_READY_TIMEOUT_MS });
  // Its test awaits it; this only keeps a failure that comes first from counting as unhandled.
  trial.catch(() => undefined);
  return trial;
}

/** Runs one trial, then checks that nothing of it is left: no process carrying its marker, no trial directory. */
async function runHostile(request: TrialRequest): Promise<TrialResult> {
  trialsRun += 1;
  const trialNumber = trialsRun;
  const hostMarkers = watchHostMarkers();
  const result = await runner.run(request).finally(() => hostMarkers.stop());
  runId ??= [...hostMarkers.seen][0]?.replace(/-\d+$/, '') ?? null;
  if (runId === null) throw new Error('no host carrying a trial marker was seen, so the trial cannot be checked');
  const trialId = `${runId}-${trialNumber}`;
  expect(findLivingProcessesOf(trialId)).toEqual([]);
  expect(existsSync(join(runDirectory(runId), trialId))).toBe(false);
  return result;
}

/** The run goes on: a well-behaved workload, right after the hostile one, stops cleanly in the same runner. */
async function expectRunGoesOn(runtime: RuntimeName): Promise<void> {
  const result = await runHostile({ workloadUrl: fixtureUrl('awaits-only-signal'), runtime, kill: 'abort' });
  expect(result).toMatchObject({ outcome: 'stopped', cleanupSteps: ['signal seen'] });
  expect(countLeftovers(result)).toEqual(NOTHING);
}

/** Collects the markers of this process's children while a trial runs; each pid is read once. */
function watchHostMarkers(): { seen: Set<string>; stop(): void } {
  const seen = new Set<string>();
  const checked = new Set<number>();
  const look = () => {
    for (const pid of listPids()) {
      if (checked.has(pid)) continue;
      checked.add(pid);
      const marker = readProcessStat(pid)?.parentPid === process.pid ? readEnvironmentVariable(pid, MARKER_VARIABLE) : null;
      if (marker !== null) seen.add(marker);
    }
  };
  const timer = setInterval(look, HOST_WATCH_INTERVAL_MS);
  return { seen, stop: () => clearInterval(timer) };
}

function runDirectory(ofRunId: string): string {
  const found = readdirSync(tmpdir()).filter((entry) => entry.startsWith(`${TEMP_PREFIX}${ofRunId}-`));
  if (found.length !== 1) throw new Error(`expected one run directory of ${ofRunId} in ${tmpdir()}, found ${found.length}`);
  return join(tmpdir(), found[0] ?? '');
}

function survivorCommands(result: TrialResult): Array<{ command: string; orphaned: boolean }> {
  if (!('leftovers' in result)) throw new Error(`trial ${result.outcome}`);
  return (result.leftovers.processes?.survivors ?? []).map(({ command, orphaned }) => ({ command, orphaned }));
}

describe(`a workload that spawns ${GRANDCHILDREN} grandchildren and never kills them`, () => {
  const workloadUrl = fixtureUrl('hostile/spawns-200-grandchildren');

  it('terminate() in a thread leaves all of them, children of the living host; the harness reaps them', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'thread', kill: 'terminate' });
    expect(result.outcome).toBe('leaked');
    expect(countLeftovers(result)).toEqual({ ...NOTHING, processes: GRANDCHILDREN });
    expect(survivorCommands(result)).toEqual(Array(GRANDCHILDREN).fill({ command: 'sleep', orphaned: false }));
  });

  it('SIGKILL to a child orphans all of them; the harness reaps them and the run goes on', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'process', kill: 'sigkill' });
    expect(result).toMatchObject({ outcome: 'leaked', exit: { signal: 'SIGKILL' } });
    expect(countLeftovers(result)).toEqual({ ...NOTHING, processes: GRANDCHILDREN });
    expect(survivorCommands(result)).toEqual(Array(GRANDCHILDREN).fill({ command: 'sleep', orphaned: true }));
    await expectRunGoesOn('process');
  });

  it('tree-kill takes the whole tree down, slowly, and leaves nothing', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'process', kill: 'tree-kill', stopTimeoutMs: TREE_KILL_STOP_TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'stopped', endedBy: 'tree-kill', exit: { signal: 'SIGKILL' } });
    expect(countLeftovers(result)).toEqual(NOTHING);
  });
});

describe('a workload that ignores SIGTERM', () => {
  const workloadUrl = fixtureUrl('hostile/ignores-sigterm');

  it('is hung in a child sent SIGTERM; its host and child are reaped and the run goes on', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'process', kill: 'sigterm', stopTimeoutMs: HANG_STOP_TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'hung', phase: 'stop', stopMs: null, cleanupRan: false });
    await expectRunGoesOn('process');
  });

  it('is harmless in a thread, where no signal arrives: the abort stops it', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'thread', kill: 'abort' });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupSteps: ['stopped on abort'], exit: { error: null } });
    expect(countLeftovers(result)).toEqual(NOTHING);
  });
});

describe('a workload that closes descriptors 0, 1 and 2', () => {
  const workloadUrl = fixtureUrl('hostile/closes-stdio');

  it('in a child closes only its own: the abort stops it, and its cleanup runs', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'process', kill: 'abort' });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupSteps: ['stopped on abort'], exit: { code: 0, signal: null, error: null } });
    expect(countLeftovers(result)).toEqual(NOTHING);
  });

  // The worker closes the host's own stdio: the host ignores errors on its stdout and stderr (it reports over IPC),
  // and the worker entry gives 0–2 back to /dev/null once run() settles, before libuv could abort on them.
  it('in a thread is stopped by the abort with its cleanup recorded; the host survives and the run goes on', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'thread', kill: 'abort' });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupSteps: ['stopped on abort'] });
    await expectRunGoesOn('thread');
  });
});

describe(`a workload that exhausts a ${SMALL_HEAP_MB} MB heap after ready()`, () => {
  const workloadUrl = fixtureUrl('hostile/exhausts-memory');

  it('in a thread is ended by the worker heap cap before the kill; the host lives on', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'thread', kill: 'terminate', memoryLimitMb: SMALL_HEAP_MB, killPoint: LATE_KILL });
    expect(result).toMatchObject({
      outcome: 'errored',
      error:
        'the work ended by itself before the kill: Error [ERR_WORKER_OUT_OF_MEMORY]: Worker terminated due to reaching memory limit: JS heap out of memory',
    });
    await expectRunGoesOn('thread');
  });

  it('in a child is aborted by V8 (SIGABRT) at --max-old-space-size before the kill', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'process', kill: 'sigkill', memoryLimitMb: SMALL_HEAP_MB, killPoint: LATE_KILL });
    expect(result).toMatchObject({
      outcome: 'errored',
      // V8 words the fatal line by how it got there: "Reached heap limit" or "Ineffective mark-compacts near heap limit".
      error: expect.stringMatching(/^the work ended by itself before the kill: FATAL ERROR: .*heap limit Allocation failed - JavaScript heap out of memory$/),
    });
  });
});

describe('a workload that spins in for (;;) after ready()', () => {
  const workloadUrl = fixtureUrl('hostile/spins-forever');

  it('never sees the abort in a thread: hung, its host is killed and the run goes on', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'thread', kill: 'abort', stopTimeoutMs: HANG_STOP_TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'hung', phase: 'stop', cleanupRan: false, sharedMutex: 'free' });
    await expectRunGoesOn('thread');
  });

  it('is ended by terminate() in a thread, which interrupts running JavaScript', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'thread', kill: 'terminate', stopTimeoutMs: HANG_STOP_TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: false, exit: { error: 'AbortError: The task has been aborted' } });
    expect(countLeftovers(result)).toEqual(NOTHING);
  });

  it('is ended by SIGTERM in a child, whose default disposition needs no JavaScript to run', async () => {
    const result = await runHostile({ workloadUrl, runtime: 'process', kill: 'sigterm', stopTimeoutMs: HANG_STOP_TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: false, exit: { code: null, signal: 'SIGTERM', error: null } });
    expect(countLeftovers(result)).toEqual(NOTHING);
  });
});

describe('a workload that never calls ready()', () => {
  const NOT_READY = `the workload did not call ready() within ${NEVER_READY_TIMEOUT_MS} ms (--start-timeout); its thread was`;
  it.each(RUNTIME_NAMES)('errors in a %s, idle in its own event loop, and nothing of it is left', async (runtime) => {
    const result = await neverReady[`hostile/never-ready ${runtime}`];
    expect(result).toMatchObject({ outcome: 'errored', error: `${NOT_READY} idle in its own event loop (epoll_pwait) (kernel state S)` });
  });

  it.each(RUNTIME_NAMES)('errors the same way in a %s blocked in a synchronous child, and says it was blocked there', async (runtime) => {
    const result = await neverReady[`outcomes/blocks-before-ready ${runtime}`];
    expect(result).toMatchObject({
      outcome: 'errored',
      error: `${NOT_READY} blocked in a synchronous call's private event loop (epoll_pwait, as execFileSync and spawnSync wait for their child) (kernel state S)`,
    });
  });
});

it('leaves no run directory once the runner is removed', () => {
  if (runId === null) throw new Error('no trial ran');
  const directory = runDirectory(runId);
  runner.remove();
  expect(existsSync(directory)).toBe(false);
});

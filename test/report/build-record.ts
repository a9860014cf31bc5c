import type { FdKind, FdLeftovers } from '../../src/probes/fds.ts';
import type { Leftovers } from '../../src/probes/probes.ts';
import type { ProcessLeftovers } from '../../src/probes/processes.ts';
import type { TempFileLeftovers } from '../../src/probes/temp-files.ts';
import type { RunRecord } from '../../src/run/run-record.ts';
import type { ErroredTrial, HungTrial, NotApplicableTrial, StoppedTrial, TrialKey } from '../../src/trial/trial-result.ts';

// Renderers are pure functions over recorded data, so hand-built records exercise them exactly.

const KEY: TrialKey = { runtime: 'thread', kill: 'terminate', workload: 'leaks-fd', trial: 1 };

export function buildFds(byKind: Partial<Record<FdKind, number>> = {}): FdLeftovers {
  const full = { file: 0, socket: 0, pipe: 0, other: 0, ...byKind };
  const descriptors = Object.entries(full).flatMap(([kind, count]) => Array.from({ length: count }, (_, index) => `host ${index} -> ${kind}`));
  return { total: descriptors.length, byKind: full, descriptors };
}

export function buildTempFiles(paths: string[] = []): TempFileLeftovers {
  return { total: paths.length, paths };
}

export function buildProcesses(survivors = 0, zombies = 0): ProcessLeftovers {
  const list = Array.from({ length: survivors }, (_, index) => ({ pid: 1000 + index, command: 'sleep 60', parentPid: 1, orphaned: true }));
  return { total: list.length, survivors: list, zombies };
}

export function buildLeftovers(overrides: Partial<Leftovers> = {}): Leftovers {
  return { fds: buildFds(), tempFiles: buildTempFiles(), processes: buildProcesses(), memory: null, sockets: null, locks: null, ...overrides };
}

export function buildStopped(overrides: Partial<StoppedTrial> = {}): StoppedTrial {
  return {
    ...KEY,
    outcome: 'stopped',
    leftovers: buildLeftovers(),
    cleanupSteps: ['closed'],
    cleanupRan: true,
    integrity: null,
    sharedMutex: 'free',
    exit: { code: 0, signal: null, error: null },
    endedBy: null,
    stopMs: 5,
    reportedMs: 4,
    ...overrides,
  };
}

export function buildHung(overrides: Partial<HungTrial> = {}): HungTrial {
  const measured = { leftovers: buildLeftovers(), cleanupSteps: [], cleanupRan: false, integrity: null, sharedMutex: 'held' as const };
  return { ...KEY, ...measured, outcome: 'hung', phase: 'stop', stopMs: null, ...overrides };
}

export function buildErrored(overrides: Partial<ErroredTrial> = {}): ErroredTrial {
  return { ...KEY, outcome: 'errored', error: 'Error: workload threw before ready()', ...overrides };
}

export function buildNotApplicable(overrides: Partial<NotApplicableTrial> = {}): NotApplicableTrial {
  return { ...KEY, runtime: 'process', outcome: 'not-applicable', reason: 'a child process has no terminate()', ...overrides };
}

export function buildRecord(results: RunRecord['results'], overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    harnessVersion: '9.8.7',
    command: 'npm run harness -- --runtime thread,process --kill terminate --workload leaks-fd --trials 3',
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:05:06.000Z',
    plan: {
      runtimes: ['thread', 'process'],
      kills: ['terminate'],
      workloads: [{ name: 'leaks-fd', description: 'opens a file and never closes it', source: 'built-in' }],
      trials: 3,
      startTimeoutMs: 10_000,
      stopTimeoutMs: 5_000,
      graceMs: 1_000,
      deadlineMs: 1_500,
    },
    environment: {
      node: 'v20.99.1',
      os: 'Test Linux 42',
      kernel: '6.1.0-test',
      cpu: 'Imaginary CPU @ 3.14GHz',
      cores: 7,
      memoryBytes: 8 * 1024 ** 3,
      packages: { tinypool: '2.2.0', execa: '9.6.1', 'tree-kill': '1.2.2', tmp: '0.2.7' },
    },
    results,
    ...overrides,
  };
}

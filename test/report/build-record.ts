import type { AnalysisView } from '../../src/analysis/analysis.ts';
import { analyze } from '../../src/analysis/analyze.ts';
import { type CellSummary, summarizeCells } from '../../src/analysis/summarize-cell.ts';
import type { RunRecord, Segment } from '../../src/record/run-record.ts';
import type { ErroredTrial, HungTrial, NotApplicableTrial, StoppedTrial, TrialKey } from '../../src/record/trial-result.ts';
import type { IntegrityCheck } from '../../src/workload/define-workload.ts';
import type { ProcessMemory } from '../../src/linux-proc/process-memory.ts';
import { buildLeftovers, MEBIBYTE } from './build-leftovers.ts';

// Renderers are pure functions over recorded data, so hand-built records exercise them exactly.

const KEY: TrialKey = { runtime: 'thread', kill: 'terminate', workload: 'leaks-fd', trial: 1 };

export function buildIntegrity(acknowledged: number, missing = 0, torn = 0, extra: Pick<IntegrityCheck, 'corrupt' | 'detail'> = {}): IntegrityCheck {
  return { acknowledged, missing, torn, ...extra };
}

/** What the work added at ready(), in MiB: USS and RSS default to PSS. */
export function buildWorkMemory(pssMebibytes: number, ussMebibytes = pssMebibytes, rssMebibytes = pssMebibytes): ProcessMemory {
  return { pssBytes: pssMebibytes * MEBIBYTE, ussBytes: ussMebibytes * MEBIBYTE, rssBytes: rssMebibytes * MEBIBYTE };
}

/** What every measured trial records about its start and its kill point: a seeded delay, no section, a fast start. */
const MEASURED = {
  killPoint: { kind: 'delay', delayMs: 10 },
  killedInSection: null,
  startMs: 30,
  workMemory: buildWorkMemory(8),
  heldAtReady: { fds: 1, sockets: 0, processes: 0, locks: 0 },
  sharedMemory: null,
  workAtStop: null,
} as const satisfies Partial<StoppedTrial>;

export function buildStopped(overrides: Partial<StoppedTrial> = {}): StoppedTrial {
  return {
    ...KEY,
    ...MEASURED,
    outcome: 'stopped',
    leftovers: buildLeftovers(),
    cleanupSteps: ['closed'],
    cleanupRan: true,
    integrity: null,
    sharedMutex: 'free',
    exit: { code: 0, signal: null, error: null },
    endedBy: null,
    stopMs: 5,
    reportedMs: 4.8,
    // Released when the work was gone, unless a test says otherwise.
    releasedMs: overrides.stopMs ?? 5,
    ...overrides,
  };
}

export function buildHung(overrides: Partial<HungTrial> = {}): HungTrial {
  const measured = { ...MEASURED, leftovers: buildLeftovers(), cleanupSteps: [], cleanupRan: false, integrity: null, sharedMutex: 'held' as const };
  return { ...KEY, ...measured, outcome: 'hung', phase: 'stop', stopMs: null, workAtHang: null, ...overrides };
}

export function buildErrored(overrides: Partial<ErroredTrial> = {}): ErroredTrial {
  return { ...KEY, outcome: 'errored', error: 'Error: workload threw before ready()', ...overrides };
}

export function buildNotApplicable(overrides: Partial<NotApplicableTrial> = {}): NotApplicableTrial {
  return { ...KEY, runtime: 'process', outcome: 'not-applicable', reason: 'a child process has no terminate()', ...overrides };
}

/** The summary of one cell's results, for testing a formatter on exactly the trials given. */
export function buildCell(...results: RunRecord['results']): CellSummary {
  const [cell, ...others] = summarizeCells(results);
  if (cell === undefined || others.length > 0) throw new Error(`expected results of one cell, got ${others.length + (cell ? 1 : 0)} cells`);
  return cell;
}

/** A record of one segment (whose values are the top level's) unless `overrides` gives its provenance. */
export function buildRecord(results: RunRecord['results'], overrides: Partial<RunRecord> = {}): RunRecord {
  const record: Omit<RunRecord, 'provenance'> = {
    harnessVersion: '9.8.7',
    sourceDigest: 'sha256:0123',
    command: 'npm run harness -- --runtime thread,process --kill terminate --workload leaks-fd --trials 3',
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:05:06.000Z',
    plan: {
      runtimes: ['thread', 'process'],
      kills: ['terminate'],
      workloads: [{ name: 'leaks-fd', description: 'opens a file and never closes it', source: 'built-in', criticalSections: [] }],
      trials: 3,
      startTimeoutMs: 10_000,
      stopTimeoutMs: 5_000,
      graceMs: 1_000,
      deadlineMs: 1_500,
      seed: 12_345,
      killPoint: 'auto',
      killDelayMaxMs: 50,
      memoryLimitMb: 512,
      concurrency: 1,
      shard: null,
    },
    environment: {
      node: 'v20.99.1',
      os: 'Test Linux 42',
      kernel: '6.1.0-test',
      cpu: 'Imaginary CPU @ 3.14GHz',
      cores: 7,
      memoryBytes: 8 * 1024 ** 3,
      packages: { tinypool: '2.2.0', execa: '9.6.1', 'tree-kill': '1.2.2', tmp: '0.2.7' },
      processDiscovery: { cgroup: true, description: 'a cgroup per host, under /sys/fs/cgroup/test', watchIntervalMs: 5 },
    },
    results,
    incomplete: null,
    ...overrides,
  };
  const { startedAt, finishedAt, sourceDigest, plan, environment } = record;
  const segment: Segment = {
    kind: 'segment',
    shard: plan.shard,
    startedAt,
    finishedAt,
    sourceDigest,
    concurrency: plan.concurrency,
    environment,
    resultCount: results.length,
  };
  return { ...record, provenance: overrides.provenance ?? [segment] };
}

/** The analysis of a single-version record: what every section of its report formats. */
export function viewOf(record: RunRecord): AnalysisView {
  const [view] = analyze(record).views;
  if (view === undefined) throw new Error('analyze() gave no view');
  return view;
}

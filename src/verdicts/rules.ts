import type { BuiltInKillStyleName } from '../kill-styles/kill-styles.ts';
import type { Rule, Selection, Share } from './rule.ts';
import type { TestName } from './trial-tests.ts';
import type { ScopeName } from './workload-scopes.ts';

// The report's claims and tradeoffs as data: what each selects, what it counts, how the count maps to a verdict.
// src/verdicts/evaluate.ts reads this table; the report, results.json and docs/claims.md render it.

const ended = (kills: readonly BuiltInKillStyleName[], runtime: Selection['runtime'], scope: ScopeName): Selection => ({
  kills,
  runtime,
  scope,
  trials: 'ended',
});
const share = (select: Selection, test: TestName): Share => ({ select, test });
/** Every probed trial of a side that weighs hangs first (see Comparison.hungFirst): what it ended and what it did not. */
const probed = (kills: readonly BuiltInKillStyleName[], runtime: Selection['runtime'], scope: ScopeName): Selection => ({
  kills,
  runtime,
  scope,
  trials: 'measured',
});
/** The claim holds where the test holds in every selected trial, fails where in none, and holds in part otherwise. */
const HOLDS_WHERE_TRUE = { all: 'confirmed', none: 'refuted', some: 'partly true' } as const;
const PLAIN_SIGNALS: readonly BuiltInKillStyleName[] = ['sigterm', 'sigint', 'sigkill'];

export const RULES: readonly Rule[] = [
  {
    id: 'forced-kill-leaves-files',
    kind: 'claim',
    shape: 'share',
    statement: 'Killing a thread by force leaves its files and connections open.',
    nodeReading: 'After worker.terminate(), are the descriptors, FileHandles, sockets and ports of a worker that held some still open in its host?',
    share: share(ended(['terminate'], 'thread', 'holding-files'), 'left-files-or-connections'),
    verdicts: HOLDS_WHERE_TRUE,
    also: [share(ended(['sigkill'], 'process', 'holding-files'), 'left-files-or-connections')],
  },
  {
    id: 'forced-kill-leaves-locks',
    kind: 'claim',
    shape: 'share',
    statement: 'Killing a thread by force leaves its locks held, so the threads that wait for them deadlock.',
    nodeReading: 'After worker.terminate() of a worker that held a lock, is it still held: an OS advisory lock, a lock folder, a mutex in shared memory?',
    share: share(ended(['terminate'], 'thread', 'holding-locks'), 'left-locks'),
    verdicts: HOLDS_WHERE_TRUE,
    also: [share(ended(['sigkill'], 'process', 'holding-locks'), 'left-locks')],
  },
  {
    id: 'forced-kill-tears-data',
    kind: 'claim',
    shape: 'share',
    statement: 'Killing a thread by force can leave shared data half-written.',
    nodeReading:
      "After worker.terminate() in the middle of an update, does the workload's own check (of shared memory, or of the records it wrote) find them torn?",
    share: share(ended(['terminate'], 'thread', 'writing-data'), 'tore-data'),
    verdicts: HOLDS_WHERE_TRUE,
    also: [share(ended(['sigkill'], 'process', 'writing-data'), 'tore-data'), share(ended(['abort'], 'thread', 'writing-data'), 'tore-data')],
  },
  {
    id: 'processes-safer',
    kind: 'claim',
    shape: 'comparison',
    statement: 'A process can be killed more safely than a thread, because its memory is its own.',
    nodeReading:
      'The same workload stopped by force in a worker (terminate()) and in a child (SIGKILL): which hangs in fewer trials, then which leaves something behind in fewer of the trials it ended?',
    comparison: {
      first: { label: 'terminate() of a worker', select: probed(['terminate'], 'thread', 'all') },
      second: { label: 'SIGKILL of a child', select: probed(['sigkill'], 'process', 'all') },
      measures: [{ share: 'left-anything' }],
      pairing: 'workload',
      better: 'lower',
      hungFirst: true,
    },
    verdicts: { all: 'confirmed', none: 'refuted', some: 'partly true' },
  },
  {
    id: 'killed-process-skips-cleanup',
    kind: 'claim',
    shape: 'share',
    statement: 'Killing a process skips its cleanup: finally blocks and exit handlers do not run.',
    nodeReading: 'SIGTERM and SIGINT without a handler, and SIGKILL, against a child that has cleanup to run (its cooperative abort ran it).',
    share: share(ended(PLAIN_SIGNALS, 'process', 'with-cleanup'), 'skipped-cleanup'),
    verdicts: HOLDS_WHERE_TRUE,
    also: [share(ended(['sigterm-handled'], 'process', 'with-cleanup'), 'ran-cleanup')],
  },
  {
    id: 'blocked-thread-misses-flag',
    kind: 'claim',
    shape: 'share',
    statement: 'A thread blocked in a long synchronous call does not see a stop flag until the call returns.',
    nodeReading:
      'A cooperative abort that reaches a worker while it is blocked in a system call (read from /proc when the stop arrives): does the stop wait out the call?',
    share: share({ kills: ['abort'], runtime: 'thread', scope: 'all', trials: 'measured', workAtStop: 'in-system-call' }, 'hung'),
    verdicts: HOLDS_WHERE_TRUE,
    also: [
      share({ kills: ['abort'], runtime: 'thread', scope: 'all', trials: 'measured', workAtStop: 'not in a system call' }, 'hung'),
      share({ kills: ['abort'], runtime: 'process', scope: 'all', trials: 'measured', workAtStop: 'in-system-call' }, 'hung'),
    ],
  },
  {
    id: 'timeout-misses-blocking-call',
    kind: 'claim',
    shape: 'share',
    statement: 'A timeout cannot interrupt a blocking call that is already under way.',
    nodeReading:
      "The runtimes' own timeouts (an AbortSignal.timeout given to tinypool, execa's timeout) against workloads a cooperative abort found blocked in a system call.",
    share: share({ kills: ['timeout'], runtime: 'thread', scope: 'blocking', trials: 'measured' }, 'hung'),
    verdicts: HOLDS_WHERE_TRUE,
    also: [share({ kills: ['timeout'], runtime: 'process', scope: 'blocking', trials: 'measured' }, 'hung')],
  },
  {
    id: 'daemon-threads-skip-cleanup',
    kind: 'claim',
    shape: 'share',
    statement: 'Background threads die with their program and run no cleanup.',
    nodeReading: 'A worker with cleanup to run (its cooperative abort ran it) whose host process is killed (`host-death`): does its cleanup run?',
    share: share(ended(['host-death'], 'thread', 'with-cleanup'), 'skipped-cleanup'),
    verdicts: HOLDS_WHERE_TRUE,
  },
  {
    id: 'cooperative-stop-cleans-up',
    kind: 'claim',
    shape: 'share',
    statement: 'Stopping cooperatively with a flag or event lets the worker clean up completely.',
    nodeReading:
      'A cooperative abort in a worker: does it end the work and leave nothing behind? (Its stop latency against a forced stop is a tradeoff below.)',
    share: share({ kills: ['abort'], runtime: 'thread', scope: 'all', trials: 'measured' }, 'ended-clean'),
    verdicts: HOLDS_WHERE_TRUE,
    also: [
      share({ kills: ['abort'], runtime: 'process', scope: 'all', trials: 'measured' }, 'ended-clean'),
      share(ended(['abort'], 'thread', 'all'), 'ran-cleanup'),
    ],
  },
  {
    id: 'thread-error-ends-thread',
    kind: 'claim',
    shape: 'share',
    statement: 'An unhandled error in a thread ends that thread only, not the program.',
    nodeReading: 'A workload that throws an uncaught error inside a worker (`crash`): does the host carry on, to be probed afterwards?',
    share: share({ kills: ['crash'], runtime: 'thread', scope: 'all', trials: 'not errored' }, 'host-carried-on'),
    verdicts: HOLDS_WHERE_TRUE,
  },
  {
    id: 'killed-process-orphans-children',
    kind: 'claim',
    shape: 'share',
    statement: 'Killing a process does not kill the processes it started.',
    nodeReading: 'A child that had started processes of its own by ready(), ended by SIGTERM, SIGINT or SIGKILL: are those still running?',
    share: share(ended(PLAIN_SIGNALS, 'process', 'starting-processes'), 'left-processes'),
    verdicts: HOLDS_WHERE_TRUE,
    also: [share(ended(['tree-kill'], 'process', 'starting-processes'), 'left-processes')],
  },
  {
    id: 'parent-goes-on-after-forced-stop',
    kind: 'claim',
    shape: 'share',
    statement: 'After a forced stop, the parent can go on at once.',
    nodeReading:
      "A child that had started processes of its own by ready(), ended by SIGTERM, SIGINT or SIGKILL: does the parent's `await subprocess` settle, and its event loop let go, as soon as the child is gone (a descendant that inherited its pipes holds them)? Beside it, tree-kill, and worker.terminate() with pool.destroy().",
    share: { select: { kills: PLAIN_SIGNALS, runtime: 'process', scope: 'starting-processes', trials: 'measured' }, test: 'parent-went-on' },
    verdicts: HOLDS_WHERE_TRUE,
    also: [
      share({ kills: ['tree-kill'], runtime: 'process', scope: 'starting-processes', trials: 'measured' }, 'parent-went-on'),
      share({ kills: ['terminate'], runtime: 'thread', scope: 'starting-processes', trials: 'measured' }, 'parent-went-on'),
    ],
  },
  {
    id: 'killed-process-kills-threads',
    kind: 'claim',
    shape: 'share',
    statement: 'Killing a process kills every thread in it.',
    nodeReading: 'A worker whose host process is killed (`host-death`): does the worker end with it?',
    share: share({ kills: ['host-death'], runtime: 'thread', scope: 'all', trials: 'measured' }, 'ended-work'),
    verdicts: HOLDS_WHERE_TRUE,
    also: [share(ended(['host-death'], 'process', 'all'), 'left-processes')],
  },
  {
    id: 'processes-cost-more',
    kind: 'claim',
    shape: 'comparison',
    statement: 'Processes take more memory and start more slowly than threads.',
    nodeReading: 'Median start time and memory the work added at ready(), a worker against a child, over every trial that became ready.',
    comparison: {
      first: { label: 'a child process', select: { kills: [], runtime: 'process', scope: 'all', trials: 'measured' } },
      second: { label: 'a worker thread', select: { kills: [], runtime: 'thread', scope: 'all', trials: 'measured' } },
      measures: [{ median: 'startMs' }, { median: 'workMemory' }],
      alsoMeasures: [{ median: 'workMemoryUss' }, { median: 'workMemoryRss' }],
      pairing: 'pooled',
      better: 'lower',
    },
    verdicts: { all: 'confirmed', none: 'refuted', some: 'partly true' },
  },
  {
    id: 'forced-thread-stop',
    kind: 'tradeoff',
    shape: 'comparison',
    statement: 'Forced thread stop or cooperative abort: what each left behind',
    nodeReading:
      'terminate() against a cooperative abort of the same workload in a worker: which hung in fewer trials, then which left something in fewer of the trials it ended?',
    comparison: {
      first: { label: 'terminate()', select: probed(['terminate'], 'thread', 'all') },
      second: { label: 'cooperative abort', select: probed(['abort'], 'thread', 'all') },
      measures: [{ share: 'left-anything' }],
      pairing: 'workload',
      better: 'lower',
      hungFirst: true,
    },
  },
  {
    id: 'signals-in-process',
    kind: 'tradeoff',
    shape: 'comparison',
    statement: 'SIGKILL or a handled SIGTERM: what each left behind in a child',
    nodeReading:
      'SIGKILL against SIGTERM that the child turns into its cooperative stop, for the same workload: which hung in fewer trials, then which left something in fewer of the trials it ended?',
    comparison: {
      first: { label: 'SIGKILL', select: probed(['sigkill'], 'process', 'all') },
      second: { label: 'handled SIGTERM', select: probed(['sigterm-handled'], 'process', 'all') },
      measures: [{ share: 'left-anything' }],
      pairing: 'workload',
      better: 'lower',
      hungFirst: true,
    },
  },
  {
    id: 'grandchildren',
    kind: 'tradeoff',
    shape: 'comparison',
    statement: 'Grandchildren: SIGKILL or tree-kill of a child that started processes',
    nodeReading:
      'SIGKILL of the child against tree-kill of its tree, for workloads that had started processes by ready(): which hung in fewer trials, then which left processes running in fewer of the trials it ended?',
    comparison: {
      first: { label: 'SIGKILL', select: probed(['sigkill'], 'process', 'starting-processes') },
      second: { label: 'tree-kill', select: probed(['tree-kill'], 'process', 'starting-processes') },
      measures: [{ share: 'left-processes' }],
      pairing: 'workload',
      better: 'lower',
      hungFirst: true,
    },
  },
  {
    id: 'blocking-calls',
    kind: 'tradeoff',
    shape: 'comparison',
    statement: 'A blocked workload: terminate() of a worker or SIGKILL of a child',
    nodeReading: 'The forced stop of each runtime against workloads that a cooperative abort found blocked in a system call there.',
    comparison: {
      first: { label: 'terminate() of a worker', select: { kills: ['terminate'], runtime: 'thread', scope: 'blocking', trials: 'measured' } },
      second: { label: 'SIGKILL of a child', select: { kills: ['sigkill'], runtime: 'process', scope: 'blocking', trials: 'measured' } },
      measures: [{ share: 'hung' }],
      pairing: 'workload',
      better: 'lower',
    },
  },
  {
    id: 'stop-latency-forced',
    kind: 'tradeoff',
    shape: 'comparison',
    statement: 'Forced stop latency: terminate() of a worker or SIGKILL of a child',
    nodeReading: 'Which hung in fewer trials, then the median time until the work was gone over the trials each ended, workload by workload.',
    comparison: {
      first: { label: 'terminate() of a worker', select: probed(['terminate'], 'thread', 'all') },
      second: { label: 'SIGKILL of a child', select: probed(['sigkill'], 'process', 'all') },
      measures: [{ median: 'stopMs' }],
      pairing: 'workload',
      better: 'lower',
      hungFirst: true,
    },
  },
  {
    id: 'stop-latency-cooperative',
    kind: 'tradeoff',
    shape: 'comparison',
    statement: 'Cooperative stop latency: abort in a worker or in a child',
    nodeReading: 'Which hung in fewer trials, then the median time from the abort until the work was gone over the trials it ended, workload by workload.',
    comparison: {
      first: { label: 'abort of a worker', select: probed(['abort'], 'thread', 'all') },
      second: { label: 'abort of a child', select: probed(['abort'], 'process', 'all') },
      measures: [{ median: 'stopMs' }],
      pairing: 'workload',
      better: 'lower',
      hungFirst: true,
    },
  },
  {
    id: 'cooperative-or-forced-latency',
    kind: 'tradeoff',
    shape: 'comparison',
    statement: 'The price of cooperation: abort or terminate() of a worker',
    nodeReading: 'Which hung in fewer trials, then the median stop time of a cooperative abort against terminate(), in a worker, workload by workload.',
    comparison: {
      first: { label: 'abort', select: probed(['abort'], 'thread', 'all') },
      second: { label: 'terminate()', select: probed(['terminate'], 'thread', 'all') },
      measures: [{ median: 'stopMs' }],
      pairing: 'workload',
      better: 'lower',
      hungFirst: true,
    },
  },
];

import { summarizeSamples } from '../src/statistics/summarize-samples.ts';
import type { Moment } from './trace-host.ts';
import type { TracedTrial } from './trace-trials.ts';

/**
 * The phases of one trial in the order runTrial goes through them, each between two moments of its trace: marks
 * of the host trace, or the trial's own begin and end. Together they make up the whole runTrial call.
 */
const PHASES = [
  { name: 'folder + wait for host', from: 'begun', to: 'got host-ready', what: 'createTrialDirectory; what of the host start-up the lane did not hide' },
  { name: 'probes: before', from: 'got host-ready', to: 'sent start', what: 'takeSnapshots(before)' },
  { name: 'work start', from: 'sent start', to: 'got work-ready', what: 'in the host: pool or child, worker boot, workload import, ready()' },
  {
    name: 'probes: at ready',
    from: 'got work-ready',
    to: 'sent kill',
    what: 'takeSnapshots(atReady), measureWorkMemory (smaps_rollup of a child)',
  },
  { name: 'stop', from: 'sent kill', to: 'got work-stopped', what: 'in the host: kill point, kill, end seen by the OS, mutex probe' },
  { name: 'release window', from: 'got work-stopped', to: 'kill called', what: 'takeSnapshots + compareAll until clean, then the logs' },
  { name: 'host kill', from: 'kill called', to: 'kill done', what: 'SIGKILL to the host until execa saw it exit' },
  { name: 'reap + integrity + rm', from: 'kill done', to: 'ended', what: 'reapFamily, checkIntegrity, removeDirectory' },
] as const;

const PROBE_PHASES = PHASES.filter((phase) => phase.name.startsWith('probes') || phase.name === 'release window');

/** Medians over the traced trials, in ms; null when no trial reached both ends. */
export interface Span {
  readonly wallMs: number | null;
  /** CPU time the harness process used meanwhile: what the harness's own code cost, without waiting or being preempted. */
  readonly cpuMs: number | null;
}

export interface PhaseSummary extends Span {
  readonly name: string;
  readonly what: string;
}

export interface TraceSummary {
  readonly trials: number;
  readonly phases: PhaseSummary[];
  /** The whole runTrial call. */
  readonly trial: Span;
  /** Before + at ready + release window: what the probes cost one trial. */
  readonly probes: Span;
  /** Spawn to host-ready, which the lane overlaps with the trial before. */
  readonly hostStartMs: number | null;
  /** What the host itself measured: asking the runtime to start until ready(), the kill request until the OS showed the work gone. */
  readonly workStartInHostMs: number | null;
  readonly stopInHostMs: number | null;
}

export function summarizeTraces(traced: readonly TracedTrial[]): TraceSummary {
  const spanOf = (pick: (trial: TracedTrial) => [Moment, Moment][] | null): Span => {
    const pairs = traced.map(pick);
    const sum = (part: 'at' | 'cpuMs') =>
      median(pairs.map((spans) => (spans === null ? null : spans.reduce((total, [from, to]) => total + to[part] - from[part], 0))));
    return { wallMs: sum('at'), cpuMs: sum('cpuMs') };
  };
  const between = (from: string, to: string) => (trial: TracedTrial) => pairOf(trial, from, to);
  return {
    trials: traced.length,
    phases: PHASES.map(({ name, what, from, to }) => ({ name, what, ...spanOf(between(from, to)) })),
    trial: spanOf(between('begun', 'ended')),
    probes: spanOf((trial) => {
      const pairs = PROBE_PHASES.map(({ from, to }) => pairOf(trial, from, to)?.[0] ?? null);
      return pairs.every((pair) => pair !== null) ? pairs : null;
    }),
    hostStartMs: spanOf(between('host started', 'host ready')).wallMs,
    workStartInHostMs: median(traced.map(({ result }) => ('startMs' in result ? result.startMs : null))),
    stopInHostMs: median(traced.map(({ result }) => ('stopMs' in result ? result.stopMs : null))),
  };
}

function pairOf(trial: TracedTrial, from: string, to: string): [Moment, Moment][] | null {
  const start = momentOf(trial, from);
  const end = momentOf(trial, to);
  return start === undefined || end === undefined ? null : [[start, end]];
}

function momentOf(trial: TracedTrial, name: string): Moment | undefined {
  if (name === 'begun') return trial.begunAt;
  if (name === 'ended') return trial.endedAt;
  if (name === 'host started') return trial.trace.startedAt;
  return trial.trace.marks.get(name);
}

function median(samples: readonly (number | null)[]): number | null {
  return summarizeSamples(samples.filter((sample) => sample !== null))?.median ?? null;
}

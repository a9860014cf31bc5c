import type { RunRecord } from '../../record/run-record.ts';
import type { SampleSummary } from '../../statistics/summarize-samples.ts';
import { formatMebibytes } from '../format-cell.ts';
import { formatMilliseconds } from '../format-stop.ts';
import { summarizeRuntimes } from '../summarize-runtimes.ts';
import { formatRatio } from './format-ratio.ts';

/** One cost of having work running at all, in each runtime, over every probed trial of that runtime. */
export interface RuntimeCost {
  readonly name: string;
  readonly thread: SampleSummary | null;
  readonly process: SampleSummary | null;
  readonly format: (value: number) => string;
}

/** Spawn latency (startMs) and the memory the work added at ready() (workMemoryBytes), thread and process. */
export function measureRuntimeCosts(record: RunRecord): RuntimeCost[] {
  const [thread, process] = summarizeRuntimes(['thread', 'process'], record.results);
  return [
    { name: 'Spawn latency (asked to start until `ready()`)', thread: thread?.startMs ?? null, process: process?.startMs ?? null, format: (ms) => `${formatMilliseconds(ms)} ms` },
    { name: 'Memory the work added at `ready()`', thread: thread?.workMemoryBytes ?? null, process: process?.workMemoryBytes ?? null, format: formatMebibytes },
  ];
}

/** The two medians with their trial counts and how many times the process's is the thread's. */
export function describeRuntimeCost({ name, thread, process, format }: RuntimeCost): string {
  if (thread === null || process === null) return `${name}: not measured in ${thread === null ? 'a thread' : 'a process'}.`;
  const ratio = formatRatio(process.median, thread.median);
  return (
    `${name}: median ${format(thread.median)} in a thread (n = ${thread.count}) and ${format(process.median)} in a process (n = ${process.count})` +
    `${ratio === null ? '' : `, the process ${ratio} the thread`}, over every probed trial of each runtime.`
  );
}

import { collectEnvironment } from './collect-environment.ts';
import type { Segment, Shard } from './run-record.ts';
import { digestSource } from './source-digest.ts';

/** What a segment knows as it starts appending results; the journal keeps it, so a resumed run still credits it. */
export type SegmentStart = Pick<Segment, 'startedAt' | 'sourceDigest' | 'concurrency' | 'environment'>;

/** Read as the segment starts: the machine and code that are about to produce its results. */
export function startSegment(concurrency: number): SegmentStart {
  return { startedAt: new Date().toISOString(), sourceDigest: digestSource(), concurrency, environment: collectEnvironment() };
}

/** The segment as the record keeps it, once its end and the number of results it produced are known. */
export function finishSegment(start: SegmentStart, shard: Shard | null, resultCount: number, finishedAt: string): Segment {
  return {
    kind: shard === null ? 'segment' : 'shard',
    shard,
    startedAt: start.startedAt,
    finishedAt,
    sourceDigest: start.sourceDigest,
    concurrency: start.concurrency,
    environment: start.environment,
    resultCount,
  };
}

import { type SampleSummary, summarizeSamples } from '../statistics/summarize-samples.ts';
import type { StoppedTrial } from '../record/trial-result.ts';

/** How the cell's stopped and leaked trials ended: how long it took, as the OS and as the runtime saw it, and by which step. */
export interface StopSummary {
  /** stopMs: until the OS showed the work gone, over the stops no other lane's harness work overlapped; null when there were none. */
  readonly stopMs: SampleSummary | null;
  /** reportedMs: until the runtime's own promise settled, over the trials where it did; null when none did. */
  readonly reportedMs: SampleSummary | null;
  /** releasedMs: until the probes found nothing left, over the trials where that happened; null when none. */
  readonly releasedMs: SampleSummary | null;
  /** Stopped trials whose runtime promise never settled (tinypool after a worker calls process.exit()). */
  readonly neverSettled: number;
  /** Stopped trials by the step that ended them (`abort 2, force 1`), in order of first occurrence; empty when none recorded one. */
  readonly endedBy: Readonly<Record<string, number>>;
  /**
   * Stopped trials whose stop another lane's harness work overlapped, left out of every time above: such a time measures
   * the harness as much as the runtime. When all were, the times are null (not measured), never a time beside that.
   */
  readonly overlapped: number;
}

/** The runtime's promise and the OS can disagree on when work ended; both are kept so the report can show the gap. */
export function summarizeStops(stopped: readonly StoppedTrial[]): StopSummary {
  const timed = selectUndisturbed(stopped);
  const reported = timed.flatMap((result) => (result.reportedMs === null ? [] : [result.reportedMs]));
  const endedBy: Record<string, number> = {};
  for (const { endedBy: step } of stopped) if (step !== null) endedBy[step] = (endedBy[step] ?? 0) + 1;
  return {
    stopMs: summarizeSamples(timed.map((result) => result.stopMs)),
    reportedMs: summarizeSamples(reported),
    releasedMs: summarizeSamples(timed.flatMap((result) => (result.releasedMs === null ? [] : [result.releasedMs]))),
    neverSettled: timed.length - reported.length,
    endedBy,
    overlapped: stopped.length - timed.length,
  };
}

/** The trials whose stop no other lane's harness work overlapped (a trial run outside a run records none). */
function selectUndisturbed(stopped: readonly StoppedTrial[]): readonly StoppedTrial[] {
  return stopped.filter(isUndisturbed);
}

function isUndisturbed(result: StoppedTrial): boolean {
  return (result.stopSharedWith?.length ?? 0) === 0;
}

/**
 * When a trial ran and when its work ran, on the wall clock, and what ran beside it in this process. A file found in
 * a shared temp location (the system temp directory, /dev/shm) that no process of the trial was seen holding can
 * still be attributed to the trial by its birth time: born while the trial ran and while no other trial's work did
 * (a trial's work runs from its start until its stop is seen; a trial whose work hung runs until its window closes).
 */
export interface TrialWindow {
  readonly trialId: string;
  /** Epoch milliseconds when the window opened, right before the trial's first snapshot. */
  readonly openedAtMs: number;
  /** True from the start of this trial's work until its window closes: when what it started may have made a file. */
  ranAt(epochMs: number): boolean;
  /** True when the trial ran (see ranAt) and no other trial's work of this process did. */
  ranAloneAt(epochMs: number): boolean;
  /** The work was asked to start, or was seen to end. */
  markWork(moment: 'started' | 'ended'): void;
  /** Marks an outside file as this trial's, so that no trial beside it lists it as a file nobody can be tied to. */
  claim(path: string): void;
  /** Whether another trial of this process tied the file to itself. */
  claimedByOther(path: string): boolean;
  /** Whether another trial still running saw the file: then it is not this trial's alone to remove. */
  claimedByOtherRunning(path: string): boolean;
  close(): void;
}

interface Span {
  readonly trialId: string;
  readonly from: number;
  to: number | null;
  workFrom: number | null;
  workTo: number | null;
}

/** Closed windows are kept this long, so a trial that ends later can still see that another one overlapped it. */
const KEEP_CLOSED_MS = 10 * 60_000;
const spans: Span[] = [];
/** Outside files trials tied to themselves: path → the trials' spans. */
const claims = new Map<string, Set<Span>>();

export function openTrialWindow(trialId: string): TrialWindow {
  const span: Span = { trialId, from: epochNow(), to: null, workFrom: null, workTo: null };
  spans.push(span);
  pruneClosed(span.from);
  // From its own work's start: nothing born before that can be the trial's.
  const ranAt = (epochMs: number) => span.workFrom !== null && epochMs >= span.workFrom && contains(span, epochMs);
  return {
    trialId,
    openedAtMs: span.from,
    ranAt,
    ranAloneAt: (epochMs) => ranAt(epochMs) && !spans.some((other) => other !== span && workedAt(other, epochMs)),
    markWork(moment) {
      if (moment === 'started') span.workFrom ??= epochNow();
      else span.workTo ??= epochNow();
    },
    claim: (path) => void claims.set(path, (claims.get(path) ?? new Set()).add(span)),
    claimedByOther: (path) => [...(claims.get(path) ?? [])].some((other) => other !== span),
    claimedByOtherRunning: (path) => [...(claims.get(path) ?? [])].some((other) => other !== span && other.to === null),
    close() {
      span.to ??= epochNow();
    },
  };
}

/**
 * Marks the harness's own work that may make files in a shared temp location while trials run: a host starting up
 * (a Python spawn host makes its semaphores in /dev/shm before it reports ready). While it lasts, no trial runs
 * alone, so a file born then is listed as unattributed, never counted as a trial's. Returns the call that ends it.
 */
export function markHarnessWork(label: string): () => void {
  const now = epochNow();
  const span: Span = { trialId: label, from: now, to: null, workFrom: now, workTo: null };
  spans.push(span);
  return () => {
    span.workTo ??= epochNow();
    span.to ??= span.workTo;
  };
}

/** The wall clock to sub-millisecond precision, comparable with a file's birth time. */
function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

function contains(span: Span, epochMs: number): boolean {
  return epochMs >= span.from && (span.to === null || epochMs <= span.to);
}

function workedAt(span: Span, epochMs: number): boolean {
  const until = span.workTo ?? span.to;
  return span.workFrom !== null && epochMs >= span.workFrom && (until === null || epochMs <= until);
}

function pruneClosed(now: number): void {
  for (let index = spans.length - 1; index >= 0; index -= 1) {
    const span = spans[index];
    if (span?.to === null || span?.to === undefined || now - span.to <= KEEP_CLOSED_MS) continue;
    spans.splice(index, 1);
    for (const [path, claimants] of claims) if (claimants.delete(span) && claimants.size === 0) claims.delete(path);
  }
}

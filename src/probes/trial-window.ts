/**
 * When a trial's work ran, on the wall clock, and which outside files the trials of this process tied to themselves.
 * A new entry of a shared temp location (the system temp directory, /dev/shm) born while the trial's work ran, that
 * no process of the trial was seen holding, is listed as unattributed; one another trial tied to itself is not.
 */
export interface TrialWindow {
  readonly trialId: string;
  /** Epoch milliseconds when the window opened, right before the trial's first snapshot. */
  readonly openedAtMs: number;
  /** True from the start of this trial's work until its window closes: when what it started may have made a file. */
  ranAt(epochMs: number): boolean;
  /** The work was asked to start. */
  markWorkStarted(): void;
  /** Marks an outside file as this trial's, so that no trial beside it lists it as a file nobody can be tied to. */
  claim(path: string): void;
  /** Whether another trial of this process tied the file to itself. */
  claimedByOther(path: string): boolean;
  /** Whether another trial still running saw the file: then it is not this trial's alone to remove. */
  claimedByOtherRunning(path: string): boolean;
  close(): void;
}

interface Span {
  readonly from: number;
  to: number | null;
  workFrom: number | null;
}

/** Claims of closed windows are kept this long, so a trial that ends later can still see that another one held a file. */
const KEEP_CLOSED_MS = 10 * 60_000;
/** Outside files trials tied to themselves: path → the trials' spans. */
const claims = new Map<string, Set<Span>>();

export function openTrialWindow(trialId: string): TrialWindow {
  const span: Span = { from: epochNow(), to: null, workFrom: null };
  pruneClosed(span.from);
  const others = (path: string) => [...(claims.get(path) ?? [])].filter((other) => other !== span);
  return {
    trialId,
    openedAtMs: span.from,
    // From its own work's start: nothing born before that can be the trial's.
    ranAt: (epochMs) => span.workFrom !== null && epochMs >= span.workFrom && (span.to === null || epochMs <= span.to),
    markWorkStarted() {
      span.workFrom ??= epochNow();
    },
    claim: (path) => void claims.set(path, (claims.get(path) ?? new Set()).add(span)),
    claimedByOther: (path) => others(path).length > 0,
    claimedByOtherRunning: (path) => others(path).some((other) => other.to === null),
    close() {
      span.to ??= epochNow();
    },
  };
}

/** The wall clock to sub-millisecond precision, comparable with a file's birth time. */
function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

function pruneClosed(now: number): void {
  for (const [path, claimants] of claims) {
    for (const span of claimants) if (span.to !== null && now - span.to > KEEP_CLOSED_MS) claimants.delete(span);
    if (claimants.size === 0) claims.delete(path);
  }
}

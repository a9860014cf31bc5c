/**
 * When a trial's work ran, on the wall clock, and what ran beside it in this process. A file found in a shared temp
 * location (the system temp directory, /dev/shm) that no process of the trial was seen holding can still be
 * attributed to the trial by its birth time: born while the trial ran and while no other trial did.
 */
export interface TrialWindow {
  readonly trialId: string;
  /** Epoch milliseconds when the window opened, right before the trial's first snapshot. */
  readonly openedAtMs: number;
  /** True when the moment falls inside this window and inside no other trial's window of this process. */
  ranAloneAt(epochMs: number): boolean;
  close(): void;
}

interface Span {
  readonly trialId: string;
  readonly from: number;
  to: number | null;
}

/** Closed windows are kept this long, so a trial that ends later can still see that another one overlapped it. */
const KEEP_CLOSED_MS = 10 * 60_000;
const spans: Span[] = [];

export function openTrialWindow(trialId: string): TrialWindow {
  const span: Span = { trialId, from: epochNow(), to: null };
  spans.push(span);
  pruneClosed(span.from);
  return {
    trialId,
    openedAtMs: span.from,
    ranAloneAt: (epochMs) => contains(span, epochMs) && !spans.some((other) => other !== span && contains(other, epochMs)),
    close() {
      span.to ??= epochNow();
    },
  };
}

/** The wall clock to sub-millisecond precision, comparable with a file's birth time. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

function contains(span: Span, epochMs: number): boolean {
  return epochMs >= span.from && (span.to === null || epochMs <= span.to);
}

function pruneClosed(now: number): void {
  for (let index = spans.length - 1; index >= 0; index -= 1) {
    const to = spans[index]?.to;
    if (to !== null && to !== undefined && now - to > KEEP_CLOSED_MS) spans.splice(index, 1);
  }
}

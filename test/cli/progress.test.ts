import { afterEach, describe, expect, it } from 'vitest';
import {
  createProgress,
  describeTrial,
  estimateRemainingMs,
  fitToWidth,
  formatDuration,
  formatLiveLine,
  formatPlainLine,
  type ProgressStream,
} from '../../src/cli/progress.ts';
import { buildFds, buildLeftovers } from '../report/build-leftovers.ts';
import { buildErrored, buildHung, buildNotApplicable, buildStopped } from '../report/build-record.ts';

// A stream here is only a sink for text, and the clock a number the test moves: the formatting is what is tested.

/** Collects what is written; a terminal when asked, with the width given. */
function createSink(isTTY: boolean, columns?: number): ProgressStream & { text: string } {
  return {
    text: '',
    isTTY,
    ...(columns === undefined ? {} : { columns }),
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

function createClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

const RUN = { runId: 'run1', runDirectory: '/tmp/isolation-harness-run1' };
const STOPPED = buildStopped({ workload: 'open-files', kill: 'sigkill', runtime: 'process', trial: 1, stopMs: 3.24 });
const started: { end(): void }[] = [];
afterEach(() => {
  for (const progress of started.splice(0)) progress.end();
});

describe('estimateRemainingMs', () => {
  it('is the mean time per finished trial times the trials left, and unknown before the first', () => {
    expect(estimateRemainingMs(0, 0, 10)).toBeNull();
    expect(estimateRemainingMs(6000, 3, 7)).toBe(14_000);
    expect(estimateRemainingMs(6000, 10, 0)).toBe(0);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [499, '0s'],
    [42_400, '42s'],
    [59_600, '1m 00s'],
    [245_000, '4m 05s'],
    [3_725_000, '1h 02m'],
    [-50, '0s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatLiveLine and formatPlainLine', () => {
  const last = describeTrial(STOPPED);

  it('show done/total, percentage, elapsed, ETA and the last trial', () => {
    expect(formatLiveLine({ done: 3, total: 24, elapsedMs: 42_000, remainingMs: 294_000, last })).toBe(
      '[ 3/24]   12%  elapsed 42s  ETA 4m 54s  open-files / sigkill / process #1: stopped in 3.2 ms',
    );
    expect(formatPlainLine({ done: 3, total: 24, elapsedMs: 42_000, remainingMs: 294_000, last })).toBe(
      '[ 3/24] open-files / sigkill / process #1: stopped in 3.2 ms; ETA 4m 54s',
    );
  });

  it('say ETA -- before the first trial is done, when the total is not known yet either', () => {
    expect(formatLiveLine({ done: 0, total: null, elapsedMs: 3000, remainingMs: null, last: null })).toBe('[0/?]  elapsed 3s  ETA --');
  });

  it('put the time the run took on the last plain line, where an ETA of 0s says nothing', () => {
    expect(formatPlainLine({ done: 24, total: 24, elapsedMs: 312_000, remainingMs: 0, last })).toBe(
      '[24/24] open-files / sigkill / process #1: stopped in 3.2 ms; took 5m 12s',
    );
  });

  it('keep a multi-line error on the one live line', () => {
    const errored = describeTrial(buildErrored({ error: 'Error: boom\n    at run (workload.ts:3:9)' }));
    expect(formatLiveLine({ done: 1, total: 2, elapsedMs: 0, remainingMs: 0, last: errored })).not.toContain('\n');
  });
});

describe('describeTrial', () => {
  it('names the cell and the outcome, with what each probe left', () => {
    expect(describeTrial(buildStopped({ outcome: 'leaked', leftovers: buildLeftovers({ fds: buildFds({ file: 2 }) }), stopMs: 12 }))).toBe(
      'leaks-fd / terminate / thread #1: leaked (fds 2) in 12.0 ms',
    );
    expect(describeTrial(buildHung())).toBe('leaks-fd / terminate / thread #1: hung (stop)');
    expect(describeTrial(buildNotApplicable())).toBe('leaks-fd / terminate / process #1: not applicable');
  });
});

describe('fitToWidth', () => {
  it('cuts a line to one row short of the width, so the terminal never wraps it', () => {
    expect(fitToWidth('x'.repeat(30), 20)).toBe(`${'x'.repeat(16)}...`);
    expect(fitToWidth('x'.repeat(19), 20)).toBe('x'.repeat(19));
    expect(fitToWidth('x'.repeat(30), undefined)).toBe('x'.repeat(30));
  });
});

describe('createProgress', () => {
  it('writes plain lines, one per trial with its ETA, when the stream is not a terminal', () => {
    const sink = createSink(false);
    const clock = createClock();
    const progress = createProgress(sink, clock.now);
    started.push(progress);

    progress.start(RUN);
    clock.advance(2000);
    progress.result(STOPPED, 1, 3);
    clock.advance(4000);
    progress.result(buildNotApplicable({ workload: 'open-files', kill: 'terminate' }), 2, 3);
    progress.end();

    expect(sink.text.split('\n')).toEqual([
      'run run1: processes carry ISOLATION_HARNESS_TRIAL=run1-<n>, temp folder /tmp/isolation-harness-run1',
      '[1/3] open-files / sigkill / process #1: stopped in 3.2 ms; ETA 4s',
      '[2/3] open-files / terminate / process #1: not applicable; ETA 3s',
      '',
    ]);
    expect(sink.text).not.toContain('\r');
  });

  it('rewrites one live line in place on a terminal, and ends it with a newline', () => {
    const sink = createSink(true, 200);
    const clock = createClock();
    const progress = createProgress(sink, clock.now);
    started.push(progress);

    progress.start(RUN);
    clock.advance(2000);
    progress.result(STOPPED, 1, 4);
    clock.advance(1000);
    progress.end();
    progress.end();

    const [startLine, live] = sink.text.split('\n', 2);
    expect(startLine).toBe('run run1: processes carry ISOLATION_HARNESS_TRIAL=run1-<n>, temp folder /tmp/isolation-harness-run1');
    // Every redraw clears the row first; the last one, at end(), counts the ETA down by the second gone since.
    expect(live?.split('\r\x1b[2K')).toEqual([
      '',
      '[0/?]  elapsed 0s  ETA --',
      '[1/4]   25%  elapsed 2s  ETA 6s  open-files / sigkill / process #1: stopped in 3.2 ms',
      '[1/4]   25%  elapsed 3s  ETA 5s  open-files / sigkill / process #1: stopped in 3.2 ms',
    ]);
    expect(sink.text.endsWith('\n')).toBe(true);
    expect(sink.text.split('\n')).toHaveLength(3);
  });

  it('cuts the live line to the terminal width', () => {
    const sink = createSink(true, 30);
    const progress = createProgress(sink, createClock().now);
    started.push(progress);
    progress.result(STOPPED, 1, 4);
    progress.end();
    for (const row of sink.text.split('\r\x1b[2K')) expect(row.replace('\n', '').length).toBeLessThan(30);
  });

  it("estimates a resumed run from this session's trials only, not the ones its journal brought", () => {
    const sink = createSink(false);
    const clock = createClock();
    const progress = createProgress(sink, clock.now);
    progress.start(RUN);
    clock.advance(2000);
    // Ten results came from the journal: the first one heard of is the eleventh.
    progress.result(STOPPED, 11, 20);
    clock.advance(4000);
    progress.result(STOPPED, 12, 20);
    expect(
      sink.text
        .split('\n')
        .slice(1, 3)
        .map((line) => line.split('; ')[1]),
    ).toEqual(['ETA 18s', 'ETA 24s']);
  });

  it('writes nothing at end() when no live line is shown', () => {
    const sink = createSink(false);
    createProgress(sink, createClock().now).end();
    expect(sink.text).toBe('');
  });
});

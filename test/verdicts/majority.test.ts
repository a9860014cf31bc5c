import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.ts';
import type { RunRecord } from '../../src/record/run-record.ts';
import type { RuleOutcome } from '../../src/verdicts/evaluate.ts';
import { judgeRun } from '../../src/verdicts/judge-run.ts';
import { MOST } from '../../src/verdicts/rule.ts';
import { buildTempFiles } from '../report/build-leftovers.ts';
import { cell, hungCell, leaving, recordOf } from '../report/build-cells.ts';

/** The verdict a comparison's own tally allows: a side ahead only in most pairs, about equal when most were even. */
function agreesWithTally(outcome: RuleOutcome, claim: { all: string; none: string; some: string } | null): boolean {
  const { tally } = outcome;
  if (tally === null) return true;
  const most = (count: number) => count > MOST * tally.pairs;
  if (tally.pairs === 0) return outcome.verdict === 'not measured';
  if (most(tally.even)) return outcome.verdict === 'about equal';
  if (most(tally.second)) return outcome.verdict === (claim?.all ?? 'second ahead');
  if (most(tally.first)) return outcome.verdict === (claim?.none ?? 'first ahead');
  return outcome.verdict === (claim?.some ?? 'mixed');
}

const verdictOf = (record: RunRecord, id: string) => judgeRun(record).find((judged) => judged.rule.id === id)?.outcome;

describe('verdicts that agree with their own comparisons', () => {
  it('reads "about equal", not confirmed, when one pair of thirteen favours the process and the rest are even', () => {
    const workloads = Array.from({ length: 13 }, (_, index) => `w${index}`);
    const record = recordOf(
      ...workloads.flatMap((workload, index) => [
        cell(workload, 'terminate', 'thread', 2, index === 0 ? leaving({ tempFiles: buildTempFiles(['a']) }) : {}),
        cell(workload, 'sigkill', 'process', 2),
      ]),
    );
    const outcome = verdictOf(record, 'processes-safer');
    expect(outcome).toMatchObject({ verdict: 'about equal', tally: { first: 0, second: 1, even: 12, pairs: 13 } });
  });

  it('weighs a stop that usually hangs behind one that leaves something: a handled SIGTERM that hung is not ahead', () => {
    const record = recordOf(
      cell('temp-files', 'sigkill', 'process', 3, leaving({ tempFiles: buildTempFiles(['a']) })),
      [...hungCell('temp-files', 'sigterm-handled', 'process', 2), ...cell('temp-files', 'sigterm-handled', 'process', 1)],
      cell('cpu-loop', 'sigkill', 'process', 3),
      hungCell('cpu-loop', 'sigterm-handled', 'process', 3),
    );
    const outcome = verdictOf(record, 'signals-in-process');
    expect(outcome).toMatchObject({ verdict: 'first ahead', tally: { first: 2, second: 0, even: 0, pairs: 2 } });
    expect(outcome?.pairs[0]?.second).toEqual({ k: 0, n: 1, hung: { k: 2, n: 3 } });
  });

  it('compares no pair whose stops were all overlapped by other work: not measured is never counted as even', () => {
    const record = recordOf(
      cell('cpu-loop', 'terminate', 'thread', 2, { stopSharedWith: ['host start'] }),
      cell('cpu-loop', 'sigkill', 'process', 2),
      cell('temp-files', 'terminate', 'thread', 2, { stopMs: 3 }),
      cell('temp-files', 'sigkill', 'process', 2, { stopMs: 9 }),
    );
    expect(verdictOf(record, 'stop-latency-forced')).toMatchObject({ verdict: 'first ahead', tally: { first: 1, second: 0, even: 0, pairs: 1 } });
  });

  it('confirms a comparison claim only when most of its pairs support it', () => {
    const pair = (workload: string, threadLeaves: boolean, processLeaves: boolean) => [
      cell(workload, 'terminate', 'thread', 1, threadLeaves ? leaving({ tempFiles: buildTempFiles(['a']) }) : {}),
      cell(workload, 'sigkill', 'process', 1, processLeaves ? leaving({ tempFiles: buildTempFiles(['a']) }) : {}),
    ];
    const mostly = recordOf(...pair('a', true, false), ...pair('b', true, false), ...pair('c', false, true));
    expect(verdictOf(mostly, 'processes-safer')?.verdict).toBe('confirmed');
    const split = recordOf(...pair('a', true, false), ...pair('b', false, true), ...pair('c', false, false), ...pair('d', false, false));
    expect(verdictOf(split, 'processes-safer')?.verdict).toBe('partly true');
  });

  it('holds for every comparison of the committed reports', () => {
    for (const path of ['../../reports/results.json', '../../reports/python/results.json', '../../reports/node-versions/results.json']) {
      const record = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as RunRecord;
      for (const view of analyze(record).views) {
        for (const { rule, outcome } of view.verdicts) {
          expect(agreesWithTally(outcome, rule.kind === 'claim' ? rule.verdicts : null), `${rule.id}: ${outcome.verdict}`).toBe(true);
        }
      }
    }
  });
});

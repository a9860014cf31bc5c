import { describe, expect, it } from 'vitest';
import type { HungTrial, StoppedTrial, TrialResult } from '../../src/record/trial-result.ts';
import { evaluateRule } from '../../src/verdicts/evaluate.ts';
import type { Comparison, Measure, Rule, Selection, ShareClaim } from '../../src/verdicts/rule.ts';
import { RULES } from '../../src/verdicts/rules.ts';
import type { ReadTrial, TestName } from '../../src/verdicts/trial-tests.ts';
import { buildFds, buildLeftovers, buildLocks, buildProcesses } from '../report/build-leftovers.ts';
import { buildErrored, buildHung, buildIntegrity, buildStopped } from '../report/build-record.ts';

// Every rule of the table, fed recorded results built to land on each side of it: a claim that could only come out
// one way (because of how its workloads are chosen, or what it counts) fails here.

const NOTHING_HELD = { fds: 0, sockets: 0, processes: 0, locks: 0 };
type Built = StoppedTrial | HungTrial | ReturnType<typeof buildErrored>;

/** A trial of the selection's first kill style (any style when it names none), in its runtime, that answers `test` as asked. */
function trialFor(select: Selection, workload: string, test: TestName, holds: boolean, trial: number): Built {
  const key = { workload, kill: select.kills[0] ?? 'terminate', runtime: select.runtime, trial } as const;
  const base = {
    ...key,
    heldAtReady: { ...NOTHING_HELD, ...heldFor(select) },
    sharedMutex: select.runtime === 'thread' ? ('free' as const) : null,
    integrity: select.scope === 'writing-data' ? buildIntegrity(4) : null,
    workAtStop:
      select.workAtStop === undefined
        ? null
        : {
            state: select.workAtStop === 'in-system-call' ? ('in-system-call' as const) : ('running' as const),
            systemCall: null,
            kernelState: 'S',
            afterKillMs: 0,
          },
  };
  return answer(test, holds, base);
}

function heldFor(select: Selection) {
  if (select.scope === 'holding-files') return { fds: 1 };
  if (select.scope === 'holding-locks') return { locks: 1 };
  if (select.scope === 'starting-processes') return { processes: select.runtime === 'process' ? 2 : 1 };
  return {};
}

function answer(test: TestName, holds: boolean, base: Partial<StoppedTrial>): Built {
  const leaked = (leftovers: Parameters<typeof buildLeftovers>[0]) => buildStopped({ ...base, outcome: 'leaked', leftovers: buildLeftovers(leftovers) });
  const clean = buildStopped({ ...base, outcome: 'stopped' });
  switch (test) {
    case 'left-files-or-connections':
      return holds ? leaked({ fds: buildFds({ file: 1 }) }) : clean;
    case 'left-locks':
      return holds ? leaked({ locks: buildLocks(1) }) : clean;
    case 'left-processes':
      return holds ? leaked({ processes: buildProcesses(1) }) : clean;
    case 'left-anything':
      return holds ? leaked({ fds: buildFds({ file: 1 }) }) : clean;
    case 'tore-data':
      return holds ? buildStopped({ ...base, outcome: 'leaked', integrity: buildIntegrity(4, 0, 1) }) : clean;
    case 'skipped-cleanup':
      return buildStopped({ ...base, cleanupRan: !holds, cleanupSteps: holds ? [] : ['closed'] });
    case 'ran-cleanup':
      return buildStopped({ ...base, cleanupRan: holds, cleanupSteps: holds ? ['closed'] : [] });
    case 'hung':
      return holds ? buildHung({ ...(base as Partial<HungTrial>) }) : clean;
    case 'ended-work':
      return holds ? clean : buildHung({ ...(base as Partial<HungTrial>) });
    case 'ended-clean':
      return holds ? clean : leaked({ fds: buildFds({ file: 1 }) });
    case 'host-carried-on':
      return holds ? clean : buildErrored({ workload: base.workload, kill: base.kill, runtime: base.runtime, trial: base.trial });
    case 'parent-went-on':
      // A stop of 10 ms; a parent that went on at once 5 ms later, or one a helper's pipe held for another second.
      return buildStopped({
        ...base,
        stopMs: 10,
        parentSettledMs: holds ? 15 : 1_010,
        parentHeldBy: holds ? [] : [{ kind: 'promise', promise: 'await subprocess', description: 'await subprocess had not settled', heldUntilMs: 1_010 }],
      });
  }
}

/** Trials of other cells that a scope needs to exist (a workload has cleanup when its abort ran it; it blocks when an abort found it in a call). */
function scopeWitnesses(select: Selection, workload: string): Built[] {
  const key = { workload, kill: 'abort', runtime: select.runtime, trial: 99 } as const;
  if (select.scope === 'with-cleanup') return [buildStopped({ ...key, cleanupRan: true, heldAtReady: NOTHING_HELD })];
  if (select.scope === 'blocking')
    return [buildHung({ ...key, heldAtReady: NOTHING_HELD, workAtStop: { state: 'in-system-call', systemCall: 'read', kernelState: 'S', afterKillMs: 0 } })];
  return [];
}

function shareTrials(rule: ShareClaim, answers: readonly boolean[]): ReadTrial[] {
  const { select, test } = rule.share;
  return answers.flatMap((holds, index) => [trialFor(select, `w${index}`, test, holds, 1), ...scopeWitnesses(select, `w${index}`)]) as ReadTrial[];
}

/** One workload (or the pool) per pair, the second side ahead where asked: lower when the rule prefers lower. */
function comparisonTrials(comparison: Comparison, secondAhead: readonly boolean[]): ReadTrial[] {
  return secondAhead.flatMap((ahead, index) => {
    const workload = comparison.pairing === 'pooled' ? 'w' : `w${index}`;
    return sideTrials(comparison, workload, ahead, index);
  }) as ReadTrial[];
}

function sideTrials(comparison: Comparison, workload: string, secondAhead: boolean, index: number): Built[] {
  const measure: Measure | undefined = comparison.pairing === 'pooled' ? comparison.measures[index] : comparison.measures[0];
  if (measure === undefined) return [];
  const lowSide = secondAhead === (comparison.better === 'lower') ? 'second' : 'first';
  return (['first', 'second'] as const).flatMap((side) => {
    const select = comparison[side].select;
    const high = side !== lowSide;
    const extra = scopeWitnesses(select, workload);
    if ('share' in measure) return [trialFor(select, workload, measure.share, high, 1), ...extra];
    const figure = medianOverrides(measure.median, high ? 20 : 10);
    return [buildStopped({ ...(trialFor(select, workload, 'ended-work', true, 1 + index) as StoppedTrial), ...figure }), ...extra];
  });
}

function medianOverrides(figure: string, value: number): Partial<StoppedTrial> {
  const memory = { rssBytes: value * 1024 ** 2, pssBytes: value * 1024 ** 2, ussBytes: value * 1024 ** 2 };
  if (figure === 'stopMs') return { stopMs: value };
  if (figure === 'startMs') return { startMs: value };
  return { workMemory: memory };
}

const claims = RULES.filter((rule): rule is Exclude<Rule, { kind: 'tradeoff' }> => rule.kind === 'claim');

describe('the rule table', () => {
  it('holds 14 claims and the tradeoffs, each with a unique id', () => {
    expect(claims).toHaveLength(14);
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
  });

  it.each(claims.map((rule) => [rule.id, rule] as const))(
    '%s comes out confirmed, refuted and partly true, and not measured without its trials',
    (_id, rule) => {
      const decide = (answers: readonly boolean[]) =>
        evaluateRule(rule, rule.shape === 'share' ? shareTrials(rule, answers) : comparisonTrials(rule.comparison, answers)).verdict;
      const sides = rule.shape === 'comparison' && rule.comparison.pairing === 'pooled' ? rule.comparison.measures.length : 2;
      const verdicts = new Set([decide(Array(sides).fill(true)), decide(Array(sides).fill(false)), decide([true, ...Array(sides - 1).fill(false)])]);
      expect(verdicts).toEqual(new Set(['confirmed', 'refuted', 'partly true']));
      expect(evaluateRule(rule, []).verdict).toBe('not measured');
    },
  );

  it.each(RULES.filter((rule) => rule.kind === 'tradeoff').map((rule) => [rule.id, rule] as const))('tradeoff %s can put either side ahead', (_id, rule) => {
    if (rule.shape !== 'comparison') throw new Error('a tradeoff is a comparison');
    const decide = (answers: readonly boolean[]) => evaluateRule(rule, comparisonTrials(rule.comparison, answers)).verdict;
    expect(decide([true, true])).toBe('second ahead');
    expect(decide([false, false])).toBe('first ahead');
    expect(decide([true, false])).toBe('mixed');
  });
});

describe('evaluateRule', () => {
  it('counts k/n over the trials that can answer, with the Wilson interval, and names the cells', () => {
    const rule = RULES.find((candidate) => candidate.id === 'forced-kill-leaves-files') as ShareClaim;
    const outcome = evaluateRule(rule, shareTrials(rule, [true, false, false]));
    const [decisive] = outcome.shares;
    expect(decisive).toMatchObject({ k: 1, n: 3, workloads: ['w0', 'w1', 'w2'] });
    expect(decisive?.interval?.lower).toBeGreaterThan(0);
    expect(decisive?.cells).toEqual(['w0', 'w1', 'w2'].map((workload) => ({ workload, kill: 'terminate', runtime: 'thread' })));
    expect(outcome.sample).toEqual({ trials: 3, workloads: 3 });
  });

  it('chooses its workloads by what they held at ready(), so a workload that held no file is not counted either way', () => {
    const rule = RULES.find((candidate) => candidate.id === 'forced-kill-leaves-files') as ShareClaim;
    const heldNothing = buildStopped({ workload: 'cpu', kill: 'terminate', runtime: 'thread', heldAtReady: NOTHING_HELD, outcome: 'stopped' });
    const outcome = evaluateRule(rule, [...shareTrials(rule, [true]), heldNothing] as ReadTrial[]);
    expect(outcome.shares[0]).toMatchObject({ k: 1, n: 1 });
  });

  it('leaves out trials that cannot answer: a workload with no cleanup to see is not "cleanup skipped"', () => {
    const rule = RULES.find((candidate) => candidate.id === 'killed-process-skips-cleanup') as ShareClaim;
    const unseen = { ...buildStopped({ workload: 'w0', kill: 'sigkill', runtime: 'process', cleanupRan: null }) } as TrialResult;
    const outcome = evaluateRule(rule, [...shareTrials(rule, [true]), unseen] as ReadTrial[]);
    expect(outcome.shares[0]).toMatchObject({ k: 1, n: 1 });
  });

  it('tells a worker blocked in a system call from one that ignores the flag: only the first decides claim 6', () => {
    const rule = RULES.find((candidate) => candidate.id === 'blocked-thread-misses-flag') as ShareClaim;
    const stop = (state: 'running' | 'waiting-for-events' | 'in-system-call') => ({
      state,
      systemCall: state === 'in-system-call' ? 'read' : null,
      kernelState: 'S',
      afterKillMs: 1,
    });
    const ignoring = [
      buildHung({ workload: 'spins', kill: 'abort', runtime: 'thread', workAtStop: stop('running') }),
      buildHung({ workload: 'idle', kill: 'abort', runtime: 'thread', workAtStop: stop('waiting-for-events') }),
    ];
    expect(evaluateRule(rule, ignoring).verdict).toBe('not measured');
    const blocked = buildHung({ workload: 'reads', kill: 'abort', runtime: 'thread', workAtStop: stop('in-system-call') });
    const outcome = evaluateRule(rule, [...ignoring, blocked]);
    expect(outcome.verdict).toBe('confirmed');
    expect(outcome.shares.map(({ k, n }) => `${k}/${n}`)).toEqual(['1/1', '2/2', '0/0']);
  });

  it("reads no blocking call into a kill aimed at a section: the thread is then in the harness's own hold of it", () => {
    const rule = RULES.find((candidate) => candidate.id === 'blocked-thread-misses-flag') as ShareClaim;
    const held = buildStopped({
      workload: 'journal',
      kill: 'abort',
      runtime: 'thread',
      killPoint: { kind: 'section', section: 'between-write-and-fsync', afterMs: 10 },
      workAtStop: { state: 'in-system-call', systemCall: 'futex', kernelState: 'S', afterKillMs: 0 },
    });
    expect(evaluateRule(rule, [held]).verdict).toBe('not measured');
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';
import { isNotApplicable, notApplicableReason } from '../../src/kill-styles/kill-style.ts';
import { type ActingStep, actionOf } from '../../src/kill-styles/step-actions.ts';
import { STEP_WORDS } from '../../src/kill-styles/stop-steps.ts';
import { KILL_STYLE_NAMES, killStyleOf, type KillStyleName } from '../../src/kill-styles/kill-styles.ts';
import { describePython, PYTHON_VARIABLE } from '../../src/python-host/python-environment.ts';
import type { HungTrial, StoppedTrial, TrialResult } from '../../src/record/trial-result.ts';
import { resolveWorkloads } from '../../src/run/resolve-workloads.ts';
import { type HarnessRun, runHarness } from '../../src/run/run-harness.ts';
import { PYTHON_RUNTIME_NAMES, type RuntimeName } from '../../src/runtime/runtime.ts';

/** Runs Python workloads through the harness itself: real Python hosts, threads, processes, signals and locks. */
async function runPython(
  workload: string,
  runtimes: RuntimeName[],
  kills: KillStyleName[],
  seed = 7,
  plan: Partial<Pick<HarnessRun, 'startTimeoutMs' | 'killDelayMaxMs' | 'trials'>> = {},
): Promise<TrialResult[]> {
  const { environment, description } = await describePython(workload.endsWith('.py') ? [workload] : []);
  const workloads = await resolveWorkloads([workload], [], { node: false, python: description });
  const record = await runHarness({ ...DEFAULTS, runtimes, kills, workloads, python: environment, trials: 1, seed, shard: null, command: 'test', ...plan });
  return record.results;
}

const outcomes = (name: string) => fileURLToPath(new URL(`../fixtures/workloads/outcomes/${name}.py`, import.meta.url));

const stopped = (result: TrialResult | undefined) => result as StoppedTrial;

describe('the Python runtimes', () => {
  it('leaves a multiprocessing.Lock held when its child is SIGKILLed inside the section, and frees it on the Event', async () => {
    const [killed, asked] = await runPython('lock-holder', ['py-process'], ['sigkill', 'event']).then((results) => [
      results.find((result) => result.kill === 'sigkill'),
      results.find((result) => result.kill === 'event'),
    ]);
    expect(stopped(killed)).toMatchObject({ outcome: 'leaked', sharedMutex: 'held', killedInSection: 'holding-lock', cleanupRan: false });
    expect(stopped(asked)).toMatchObject({ sharedMutex: 'free', cleanupRan: true });
    expect(stopped(asked).leftovers.locks?.total).toBe(0);
  });

  it('runs finally blocks under the asynchronous exception, but cannot reach a thread blocked in time.sleep', async () => {
    const [looping] = await runPython('cpu-loop', ['py-thread'], ['async-exception']);
    expect(stopped(looping)).toMatchObject({ outcome: 'stopped', cleanupRan: true });
    const [sleeping] = await runPython('blocking-sleep', ['py-thread'], ['async-exception']);
    expect(sleeping).toMatchObject({ outcome: 'hung', phase: 'stop' });
    expect((sleeping as HungTrial).workAtHang).toMatchObject({ state: 'in-system-call', systemCall: 'clock_nanosleep' });
  });

  it('tears data updated in two steps when the asynchronous exception or SIGKILL lands between them, and keeps it whole on the Event', async () => {
    for (const workload of ['shared-struct', 'two-write-record']) {
      const results = await runPython(workload, ['py-thread', 'py-process'], ['async-exception', 'sigkill', 'event']);
      const applied = results.filter((result) => result.outcome !== 'not-applicable');
      for (const result of applied) {
        const { integrity, killedInSection } = stopped(result);
        const forced = result.kill !== 'event';
        // The kill lands inside the section between the two steps; the Event is only seen after the update is whole.
        expect([result.runtime, result.kill, killedInSection, (integrity?.torn ?? 0) > 0]).toEqual([
          result.runtime,
          result.kill,
          workload === 'shared-struct' ? 'between-fields' : 'between-header-and-body',
          forced,
        ]);
      }
      expect(applied.map((result) => `${result.runtime} ${result.kill}`).sort()).toEqual([
        'py-process event',
        'py-process sigkill',
        'py-thread async-exception',
        'py-thread event',
      ]);
    }
  });

  it("freezes a daemon thread at the interpreter's exit, so its cleanup never runs", async () => {
    const [ended] = await runPython('cpu-loop', ['py-thread'], ['daemon-exit']);
    expect(stopped(ended)).toMatchObject({ outcome: 'stopped', cleanupRan: false, endedBy: 'interpreter exit' });
  });

  it("finds a child that outlives its host's SIGKILL, without trusting the marker alone, and reaps it", async () => {
    const [orphaned] = await runPython('cpu-loop', ['py-process'], ['host-death']);
    expect(stopped(orphaned).outcome).toBe('leaked');
    expect(stopped(orphaned).leftovers.processes?.survivors.map((survivor) => survivor.command)).toEqual([expect.stringMatching(/python/)]);
  });

  it('says why a style cannot apply: a signal to one Python thread, an exception into another interpreter', async () => {
    const results = await runPython('cpu-loop', ['py-thread', 'py-process'], ['sigkill', 'async-exception']);
    const reasons = results.flatMap((result) => (result.outcome === 'not-applicable' ? [`${result.kill} ${result.runtime}: ${result.reason}`] : []));
    expect(reasons).toEqual([
      expect.stringMatching(/^sigkill py-thread: a signal is delivered to the whole process/),
      expect.stringMatching(/^async-exception py-process: the exception is raised in a thread of the calling interpreter/),
    ]);
  });
});

describe('the two style tables', () => {
  // src/kill-styles plans and reports the cells; python/isolation_harness/kill_styles.py applies the styles. They must agree.
  it('agree on where each Python style applies, but for what this machine lacks (stopit)', async () => {
    const { description } = await describePython();
    const disagreements = (description?.killStyles ?? []).flatMap((style) =>
      PYTHON_RUNTIME_NAMES.flatMap((runtime) => {
        const answer = style.runtimes[runtime];
        const applies = notApplicableReason(killStyleOf(style.name as KillStyleName), runtime) === null;
        const missingPackage = answer?.reason?.includes('not installed') === true;
        return answer !== undefined && answer.applies !== applies && !missingPackage ? [`${style.name} in ${runtime}`] : [];
      }),
    );
    // A style made of steps is sent to the Python host as its steps: its table has none of them.
    expect(description?.killStyles.map((style) => style.name).sort()).toEqual(
      KILL_STYLE_NAMES.filter(
        (name) =>
          killStyleOf(name).steps === undefined &&
          PYTHON_RUNTIME_NAMES.some((runtime) => notApplicableReason(killStyleOf(name), runtime) === null || name === 'stopit-timeout'),
      ).sort(),
    );
    expect(disagreements).toEqual([]);
  });

  it('agree on where each step of a stop sequence applies (python/isolation_harness/stop_steps.py)', async () => {
    const { description } = await describePython();
    const keyOf = (step: ActingStep) => (step.kind === 'signal' ? `signal ${step.signal}` : step.kind);
    const acting = Object.values(STEP_WORDS).filter((step): step is ActingStep => step.kind !== 'wait');
    const ours = Object.fromEntries(
      acting.flatMap((step) => PYTHON_RUNTIME_NAMES.map((runtime) => [`${keyOf(step)} in ${runtime}`, !isNotApplicable(actionOf(step).python[runtime])])),
    );
    const theirs = Object.fromEntries(
      Object.entries(description?.steps ?? {}).flatMap(([kind, runtimes]) =>
        PYTHON_RUNTIME_NAMES.map((runtime) => [`${kind} in ${runtime}`, runtimes[runtime]?.applies]),
      ),
    );
    expect(theirs).toEqual(ours);
  });
});

describe('stop sequences in a Python host', () => {
  it('runs the steps in turn: the Event ends a loop that checks it, SIGKILL a child blocked in time.sleep, and a thread cannot be signalled', async () => {
    // A wait ends once the work is gone: a long one costs the loop nothing, and gives a loaded machine time to show it.
    const sequence = 'event>2s>sigkill';
    const [looping] = await runPython('cpu-loop', ['py-process'], [sequence]);
    expect(stopped(looping)).toMatchObject({ outcome: 'stopped', endedBy: 'event', endedByStep: 1, cleanupRan: true });
    const [inThread, sleeping] = await runPython('blocking-sleep', ['py-thread', 'py-process'], [sequence]);
    expect(inThread).toMatchObject({ outcome: 'not-applicable', reason: expect.stringMatching(/^step 3 sigkill: a signal is delivered to the whole process/) });
    expect(stopped(sleeping)).toMatchObject({ outcome: 'stopped', endedBy: 'sigkill', endedByStep: 3, exit: { signal: 'SIGKILL' }, cleanupRan: false });
    expect(stopped(sleeping).stopMs).toBeGreaterThanOrEqual(2000);
  });
});

describe('a machine without Python', () => {
  it('reads every Python cell as not applicable, with the reason, and still runs the Node.js cells', async () => {
    const previous = process.env[PYTHON_VARIABLE];
    process.env[PYTHON_VARIABLE] = '/nonexistent/python3';
    try {
      const { environment, description } = await describePython();
      expect(environment).toEqual({ available: false, reason: 'no usable Python for the py- runtimes: /nonexistent/python3 is not installed' });
      const workloads = await resolveWorkloads(['cpu-loop'], [], { node: true, python: description });
      const record = await runHarness({
        ...DEFAULTS,
        runtimes: ['thread', 'py-thread'],
        kills: ['abort', 'event'],
        workloads,
        python: environment,
        trials: 1,
        seed: 1,
        shard: null,
        command: 'test',
      });
      expect(record.results.map((result) => `${result.runtime} ${result.kill} ${result.outcome}`)).toEqual([
        'thread abort stopped',
        'py-thread abort not-applicable',
        'thread event not-applicable',
        'py-thread event not-applicable',
      ]);
      expect(record.results.find((result) => result.runtime === 'py-thread' && result.kill === 'event')).toMatchObject({
        reason: environment.available ? '' : environment.reason,
      });
    } finally {
      if (previous === undefined) delete process.env[PYTHON_VARIABLE];
      else process.env[PYTHON_VARIABLE] = previous;
    }
  });

  it('errors a workload that never calls ready(), saying where its thread was blocked, as a Node.js host does', async () => {
    const results = await runPython(outcomes('blocks_before_ready'), ['py-thread', 'py-process'], ['event'], 7, { startTimeoutMs: 1_500 });
    expect(results.map((result) => result.outcome)).toEqual(['errored', 'errored']);
    for (const result of results) {
      expect(result).toMatchObject({
        error: 'the workload did not call ready() within 1500 ms (--start-timeout); its thread was blocked in the system call clock_nanosleep (kernel state S)',
      });
    }
  });

  it('never records work that ended by itself as stopped by a kill that came after, a SIGKILL included', async () => {
    const results = await runPython(outcomes('ends_soon_after_ready'), ['py-thread', 'py-process'], ['event', 'sigkill'], 7, {
      killDelayMaxMs: 400,
      trials: 4,
    });
    const measured = results.filter((result) => result.outcome !== 'not-applicable');
    expect(measured).toHaveLength(12);
    for (const result of measured) {
      if (result.outcome === 'errored') expect(result.error).toBe('the work ended by itself before the kill: exit code 0');
      else if (result.kill === 'sigkill') expect(stopped(result).exit).toMatchObject({ signal: 'SIGKILL' });
    }
    expect(measured.filter((result) => result.outcome === 'errored').length).toBeGreaterThan(6);
  });
});

import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { buildBaseline } from '../baseline/baseline.ts';
import { checkPlanSize } from './check-plan-size.ts';
import { checkAgainst, checkCoverageOf } from './run-check.ts';
import { exitCodeOf } from './exit-codes.ts';
import { readBaseline } from '../baseline/read-baseline.ts';
import { checkBaselineTarget, writeBaseline } from '../baseline/write-baseline.ts';
import { writeReports } from '../report/write-report.ts';
import { type FailCondition, findRunFailures } from '../run/run-failures.ts';
import { cleanDeadRuns } from '../run/clean-dead-runs.ts';
import { type Journal, readJournal, startJournal } from '../run/results-journal.ts';
import { requestsOf, resolveWorkloads, type WorkloadLanguages } from '../run/resolve-workloads.ts';
import { describePython, type PythonEnvironment } from '../python-host/python-environment.ts';
import { isPythonRuntime, type RuntimeName } from '../runtime/runtime.ts';
import { type HarnessRun, type Resumption, runHarness, toRunPlan } from '../run/run-harness.ts';
import type { RunRecord } from '../record/run-record.ts';
import { finishSegment, startSegment } from '../record/segment.ts';
import { checkWritableDirectory } from './check-output-directory.ts';
import { type Interrupt, watchForInterrupt } from './interrupt.ts';
import { prepareEngineTargets } from '../engines/prepare-engine-targets.ts';
import { parseEngineSpec } from '../engines/engine-spec.ts';
import { DEFAULTS, type HarnessOptions } from './parse-arguments.ts';
import { formatCommand } from './invocation.ts';
import { createProgress } from './progress.ts';
import { UsageError } from '../errors/usage-error.ts';

/** A run, new or resumed: everything is validated before the first trial, and every result is journaled as it completes. */
export async function runCommand(options: HarnessOptions, argv: string[]): Promise<number> {
  const check = options.check === null ? null : { path: options.check, baseline: readBaseline(options.check), scope: options.checkScope };
  if (options.updateBaseline !== null) checkBaselineTarget(options.updateBaseline);
  const outDirectory = resolve(options.out);
  // From here on, Ctrl-C aborts: an install or addon build under way is cancelled and its partial folder removed.
  const interrupt = watchForInterrupt();
  const progress = createProgress();
  try {
    const prepared = await prepareRun(options, argv, outDirectory, interrupt.signal);
    if (interrupt.exitCode() !== null) return reportInterruptedPreparation(interrupt);
    if (check !== null) checkCoverageOf(check, prepared.run);
    checkWritableDirectory(outDirectory, options.out, { ignoredByGit: options.out === DEFAULTS.out });
    reportDeadRuns(await cleanDeadRuns());
    const journal =
      prepared.journal ??
      startJournal(outDirectory, { command: prepared.run.command, startedAt: prepared.resumption.startedAt, plan: toRunPlan(prepared.run) });
    journal.startSegment(prepared.resumption.segment);
    const record = await runHarness(
      prepared.run,
      {
        onStart: (run) => progress.start(run),
        onResult(result, done, total) {
          journal.append(result);
          progress.result(result, done, total);
        },
        signal: interrupt.signal,
      },
      prepared.resumption,
    );
    // Interrupted while trials ran: the record says so. An output closed after the last trial loses only what is printed.
    const interruptedWith = record.incomplete === null ? null : interrupt.exitCode();
    progress.end();
    const written = writeReports(record, outDirectory);
    if (interruptedWith !== null) return reportInterruption(record, written, options.out, interruptedWith);
    journal.remove();
    if (options.updateBaseline !== null) written.push(writeBaseline(buildBaseline(record), options.updateBaseline));
    process.stdout.write(`${written.join('\n')}\n`);
    const checked = check === null ? exitCodeOf('held') : checkAgainst(check, record);
    return checked !== exitCodeOf('held') ? checked : failOnConditions(record, options.failOn);
  } finally {
    progress.end();
    interrupt.dispose();
  }
}

interface PreparedRun {
  readonly run: HarnessRun;
  readonly resumption: Resumption;
  /** The interrupted run's journal, appended to; null for a new run, whose journal starts once all input is valid. */
  readonly journal: Journal | null;
}

function prepareRun(options: HarnessOptions, argv: string[], outDirectory: string, signal: AbortSignal): Promise<PreparedRun> {
  return options.resume ? prepareResumedRun(options, outDirectory, signal) : prepareNewRun(options, argv, signal);
}

/**
 * For a run with a py- runtime: the Python its hosts run on (or why there is none, which makes those cells not
 * applicable), and what the Python host offers, so its workloads resolve with the others.
 */
async function preparePython(
  runtimes: readonly RuntimeName[],
  tokens: readonly string[] | null,
): Promise<{ python?: PythonEnvironment; languages: WorkloadLanguages }> {
  const node = runtimes.some((runtime) => !isPythonRuntime(runtime));
  if (!runtimes.some(isPythonRuntime)) return { languages: { node, python: null } };
  const userFiles = (tokens ?? []).filter((token) => token.endsWith('.py')).map((token) => resolve(token));
  const { environment, description } = await describePython(userFiles);
  return { python: environment, languages: { node, python: description } };
}

async function prepareNewRun(options: HarnessOptions, argv: string[], signal: AbortSignal): Promise<PreparedRun> {
  const { python, languages } = await preparePython(options.runtimes, options.workloads);
  const workloads = await resolveWorkloads(options.workloads, options.tasks, languages);
  if (options.killPoint === 'section') {
    const without = workloads.find((workload) => workload.criticalSections.length === 0);
    if (without !== undefined)
      throw new UsageError(
        `--kill-point value "section" is not allowed for workload "${without.name}", which declares no critical sections; allowed: auto, delay`,
      );
  }
  const seed = options.seed ?? randomInt(2 ** 31);
  // Before a Node.js is installed or an addon built: a plan of hours is refused in a second, not after a minute.
  checkPlanSize(
    { ...options, ...(python === undefined ? {} : { python }), seed, workloads, engines: undefined, versions: options.engines?.length ?? 1 },
    options.yes,
  );
  const engines =
    options.engines === null ? {} : { engines: await prepareEngineTargets(options.engines, workloads, reportBuild, { flag: options.engineFlag, signal }) };
  const given = options.seed === null ? [...argv, '--seed', String(seed)] : argv;
  const segment = startSegment(options.concurrency);
  return {
    // The options' extra fields (out, check, …) ride along; toRunPlan keeps only the plan's when it is recorded.
    run: { ...withoutEngines(options), ...engines, ...(python === undefined ? {} : { python }), seed, workloads, command: formatCommand(given) },
    resumption: { startedAt: segment.startedAt, completed: [], segments: [], segment },
    journal: null,
  };
}

async function prepareResumedRun(options: HarnessOptions, outDirectory: string, signal: AbortSignal): Promise<PreparedRun> {
  const { header, segments, results, journal } = readJournal(outDirectory);
  const { tokens, tasks } = requestsOf(header.plan.workloads);
  const { languages } = await preparePython(header.plan.runtimes, tokens);
  const workloads = await resolveWorkloads(tokens, tasks, languages);
  const requested = header.plan.engines?.map((engine) => parseEngineSpec(engine.requested));
  const engines = requested === undefined ? {} : { engines: await prepareEngineTargets(requested, workloads, reportBuild, { signal }) };
  // The segments before the interruption keep the machine and code they ran on; this one records its own.
  const earlier = segments.map(({ start, resultCount, finishedAt }) => finishSegment(start, header.plan.shard, resultCount, finishedAt));
  return {
    run: { ...withoutEngines(header.plan), ...engines, concurrency: options.concurrency, workloads, command: header.command },
    resumption: { startedAt: header.startedAt, completed: results, segments: earlier, segment: startSegment(options.concurrency) },
    journal,
  };
}

/** The --engine values as given or recorded: the run takes the prepared targets in their place. */
function withoutEngines<Given extends { engines?: unknown }>({ engines: _engines, ...rest }: Given): Omit<Given, 'engines'> {
  return rest;
}

/** A build takes about a minute: the user is told what it is before it starts. */
function reportBuild(what: string): void {
  process.stderr.write(`isolation-harness: building ${what}\n`);
}

/** Ctrl-C while a Node.js was installed or an addon built: that was cancelled and its partial folder removed; no run started. */
function reportInterruptedPreparation(interrupt: Interrupt): number {
  process.stderr.write('isolation-harness: interrupted while preparing the engines; the install or build under way was cancelled, nothing was written\n');
  return interrupt.exitCode() ?? exitCodeOf('interrupt');
}

function reportDeadRuns({ processes, directories }: { processes: number; directories: number }): void {
  if (processes + directories === 0) return;
  process.stderr.write(
    `isolation-harness: cleaned up after an earlier run that died: ${processes} process(es) killed, ${directories} temp folder(s) removed\n`,
  );
}

/** Exit 3, after the reports, when the run met a condition of --fail-on; each is said on stderr. */
function failOnConditions(record: RunRecord, conditions: readonly FailCondition[]): number {
  const failures = findRunFailures(record, conditions);
  for (const failure of failures) process.stderr.write(`isolation-harness: ${failure}; failing the run (--fail-on ${conditions.join(',')})\n`);
  return exitCodeOf(failures.length > 0 ? 'couldNotMeasure' : 'held');
}

function reportInterruption(record: RunRecord, written: string[], out: string, exitCode: number): number {
  process.stderr.write(
    `isolation-harness: ${record.incomplete?.reason ?? 'interrupted'}; processes reaped, temp folders removed; ` +
      `incomplete report of ${record.results.length} of ${record.incomplete?.plannedResults ?? '?'} results written; ` +
      `resume with: ${formatCommand(['--resume', '--out', out])}\n`,
  );
  process.stdout.write(`${written.join('\n')}\n`);
  return exitCode;
}

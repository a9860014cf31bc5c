import { resolve } from 'node:path';
import { type Baseline, buildBaseline } from '../baseline/baseline.ts';
import { BaselineError } from '../baseline/baseline-error.ts';
import { compareWithBaseline } from '../baseline/compare-baseline.ts';
import { formatComparison } from '../baseline/format-comparison.ts';
import { readBaseline } from '../baseline/read-baseline.ts';
import { checkBaselineTarget, writeBaseline } from '../baseline/write-baseline.ts';
import { writeReports } from '../report/write-report.ts';
import type { RunRecord } from '../run/run-record.ts';
import { resolveWorkloads } from '../run/resolve-workloads.ts';
import { runHarness } from '../run/run-harness.ts';
import { WorkloadLoadError } from '../workload/load-workload.ts';
import { checkWritableDirectory } from './check-output-directory.ts';
import { renderHelp, renderList } from './help.ts';
import { watchForInterrupt } from './interrupt.ts';
import { type HarnessOptions, parseArguments } from './parse-arguments.ts';
import { printProgress, printStart } from './progress.ts';
import { UsageError } from './usage-error.ts';

/** The command line: parse, validate everything up front, run, then write the reports. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const command = parseArguments(argv);
    if (command.kind === 'help') return print(renderHelp());
    if (command.kind === 'list') return print(renderList());
    return await runAndReport(command.options, argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof WorkloadLoadError || error instanceof BaselineError) {
      process.stderr.write(`isolation-harness: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function runAndReport(options: HarnessOptions, argv: string[]): Promise<number> {
  const check = options.check === null ? null : { path: options.check, baseline: readBaseline(options.check) };
  if (options.updateBaseline !== null) checkBaselineTarget(options.updateBaseline);
  const workloads = await resolveWorkloads(options.workloads);
  const outDirectory = resolve(options.out);
  checkWritableDirectory(outDirectory, options.out);
  const interrupt = watchForInterrupt();
  try {
    const record = await runHarness(
      { ...options, workloads, command: ['npm run harness', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ') },
      { onStart: printStart, onResult: printProgress, signal: interrupt.signal },
    );
    const interruptedWith = interrupt.exitCode();
    if (interruptedWith !== null) {
      process.stderr.write('isolation-harness: interrupted; processes reaped, temp folders removed, no report written\n');
      return interruptedWith;
    }
    const written = writeReports(record, outDirectory);
    if (options.updateBaseline !== null) written.push(writeBaseline(buildBaseline(record), options.updateBaseline));
    print(`${written.join('\n')}\n`);
    return check === null ? 0 : checkAgainst(check, record);
  } finally {
    interrupt.dispose();
  }
}

/** The reports are written either way; the exit code and stderr tell CI whether any cell regressed. */
function checkAgainst({ path, baseline }: { path: string; baseline: Baseline }, record: RunRecord): number {
  const comparison = compareWithBaseline(baseline, record);
  process.stderr.write(formatComparison(comparison, path));
  return comparison.regressions.length > 0 ? 1 : 0;
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

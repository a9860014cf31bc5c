import { resolve } from 'node:path';
import { writeReports } from '../report/write-report.ts';
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
    if (error instanceof UsageError || error instanceof WorkloadLoadError) {
      process.stderr.write(`isolation-harness: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function runAndReport(options: HarnessOptions, argv: string[]): Promise<number> {
  const workloads = await resolveWorkloads(options.workloads);
  const outDirectory = resolve(options.out);
  checkWritableDirectory(outDirectory, options.out);
  const interrupt = watchForInterrupt();
  try {
    const record = await runHarness(
      { ...options, workloads, command: ['npm run harness --', ...argv].join(' ') },
      { onStart: printStart, onResult: printProgress, signal: interrupt.signal },
    );
    const interruptedWith = interrupt.exitCode();
    if (interruptedWith !== null) {
      process.stderr.write('isolation-harness: interrupted; processes reaped, temp folders removed, no report written\n');
      return interruptedWith;
    }
    return print(`${writeReports(record, outDirectory).join('\n')}\n`);
  } finally {
    interrupt.dispose();
  }
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

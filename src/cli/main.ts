import { BaselineError } from '../baseline/baseline-error.ts';
import { JournalError } from '../run/results-journal.ts';
import { MergeError } from '../run/merge-records.ts';
import { WorkloadLoadError } from '../workload/load-workload.ts';
import { renderHelp, renderList } from './help.ts';
import { mergeCommand } from './merge-command.ts';
import { parseArguments } from './parse-arguments.ts';
import { runCommand } from './run-command.ts';
import { UsageError } from '../errors/usage-error.ts';
import { exitCodeOf } from './exit-codes.ts';

/** Errors that mean bad input: one line on stderr, exit 2, nothing written. */
const INPUT_ERRORS = [UsageError, WorkloadLoadError, BaselineError, JournalError, MergeError];

/** The command line: parse, validate everything up front, run, then write the reports. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const command = parseArguments(argv);
    if (command.kind === 'help') return print(renderHelp());
    if (command.kind === 'list') return print(renderList());
    if (command.kind === 'merge') return print(mergeCommand(command.files, command.out));
    return await runCommand(command.options, argv);
  } catch (error) {
    if (INPUT_ERRORS.some((type) => error instanceof type)) {
      process.stderr.write(`isolation-harness: ${oneLine((error as Error).message)}\n`);
      return exitCodeOf('badInput');
    }
    // A failure of the harness itself, after its processes were reaped and its folders removed on the way out: it
    // could not measure, which is not a regression (1); the stack is for the bug report.
    process.stderr.write(
      `isolation-harness: could not measure, the harness failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return exitCodeOf('couldNotMeasure');
  }
}

export function print(text: string): number {
  process.stdout.write(text);
  return exitCodeOf('held');
}

/** A refusal is one line, whatever the error it carries said over several (a compiler's, a pip's). */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}

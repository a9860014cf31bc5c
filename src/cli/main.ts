import { BaselineError } from '../baseline/baseline-error.ts';
import { JournalError } from '../run/results-journal.ts';
import { MergeError } from '../run/merge-records.ts';
import { WorkloadLoadError } from '../workload/load-workload.ts';
import { renderHelp, renderList } from './help.ts';
import { mergeCommand } from './merge-command.ts';
import { parseArguments } from './parse-arguments.ts';
import { runCommand } from './run-command.ts';
import { UsageError } from '../errors/usage-error.ts';

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
      process.stderr.write(`isolation-harness: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

export function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

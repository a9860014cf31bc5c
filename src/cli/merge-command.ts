import { resolve } from 'node:path';
import { mergeRecords, readRecord } from '../run/merge-records.ts';
import { writeReports } from '../report/write-report.ts';
import { checkWritableDirectory } from './check-output-directory.ts';
import { DEFAULTS } from './parse-arguments.ts';

/** `merge FILE...`: one report and one results file from the shards of a run; returns what to print. */
export function mergeCommand(files: readonly string[], out: string): string {
  const record = mergeRecords(files.map((path) => ({ path, record: readRecord(path) })));
  const outDirectory = resolve(out);
  checkWritableDirectory(outDirectory, out, { ignoredByGit: out === DEFAULTS.out });
  return `${writeReports(record, outDirectory).join('\n')}\n`;
}

import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrialResult } from '../record/trial-result.ts';
import type { RunPlan } from '../record/run-record.ts';

/** The journal's name in the output directory: it exists only while a run is unfinished. */
export const JOURNAL_FILE = 'run-journal.jsonl';

/** The journal's first line: what a resumed run needs to carry on as the original would have. */
export interface JournalHeader {
  readonly type: 'run';
  readonly journalVersion: 1;
  readonly command: string;
  readonly startedAt: string;
  readonly plan: RunPlan;
}

export interface Journal {
  readonly path: string;
  append(result: TrialResult): void;
  /** Called once the report is written: a finished run has nothing to resume. */
  remove(): void;
}

/** A journal that cannot be resumed from; the message names the file and what is wrong. */
export class JournalError extends Error {
  override name = 'JournalError';
}

/**
 * Results are appended as they complete, one JSON line per trial, each in a single write(2) on an O_APPEND file:
 * a harness killed at any moment leaves every completed result on disk, and at worst a last line without its end.
 */
export function startJournal(outDirectory: string, header: Omit<JournalHeader, 'type' | 'journalVersion'>): Journal {
  const path = join(outDirectory, JOURNAL_FILE);
  writeFileSync(path, `${JSON.stringify({ type: 'run', journalVersion: 1, ...header })}\n`);
  return openJournal(path);
}

export function openJournal(path: string): Journal {
  return {
    path,
    append: (result) => appendFileSync(path, `${JSON.stringify({ type: 'result', result })}\n`),
    remove: () => rmSync(path, { force: true }),
  };
}

/** The header and completed results of an unfinished run in outDirectory; a torn last line is dropped. */
export function readJournal(outDirectory: string): { header: JournalHeader; results: TrialResult[]; journal: Journal } {
  const path = join(outDirectory, JOURNAL_FILE);
  if (!existsSync(path)) throw new JournalError(`--resume found no unfinished run in "${outDirectory}"; allowed: an --out directory holding ${JOURNAL_FILE} from an interrupted run`);
  const lines = readFileSync(path, 'utf8').split('\n');
  const complete = lines.slice(0, -1);
  const [first, ...rest] = complete.map((line, index) => parseLine(path, line, index));
  if (first?.type !== 'run' || first.journalVersion !== 1) throw new JournalError(`--resume journal "${path}" does not start with a version 1 run header`);
  const results = rest.filter((entry): entry is { type: 'result'; result: TrialResult } => entry?.type === 'result').map((entry) => entry.result);
  return { header: first as JournalHeader, results, journal: openJournal(path) };
}

function parseLine(path: string, line: string, index: number): { type?: unknown; journalVersion?: unknown; result?: TrialResult } | null {
  try {
    return JSON.parse(line) as { type?: unknown };
  } catch {
    throw new JournalError(`--resume journal "${path}" has a line ${index + 1} that is not JSON; only the last line may be torn`);
  }
}

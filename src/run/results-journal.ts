import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { findPlanProblem, findResultsProblem } from '../record/check-record-shape.ts';
import { join } from 'node:path';
import type { SegmentStart } from '../record/segment.ts';
import type { TrialResult } from '../record/trial-result.ts';
import type { RunPlan } from '../record/run-record.ts';

/** The journal's name in the output directory: it exists only while a run is unfinished. */
export const JOURNAL_FILE = 'run-journal.jsonl';

/** Version 2 added segment lines and the time on each result line; version 3 keys results by `engine` (and the plan `engines`) where version 2 had `node`. */
export const JOURNAL_VERSION = 4;

/** The journal's first line: what a resumed run needs to carry on as the original would have. */
export interface JournalHeader {
  readonly type: 'run';
  readonly journalVersion: typeof JOURNAL_VERSION;
  readonly command: string;
  readonly startedAt: string;
  readonly plan: RunPlan;
}

/** A segment as the journal knows it: its start, and what the result lines after its segment line add up to. */
export interface JournaledSegment {
  readonly start: SegmentStart;
  readonly resultCount: number;
  /** When its last result was journaled; its start when it journaled none. */
  readonly finishedAt: string;
}

export interface Journal {
  readonly path: string;
  /** Called each time a run or a resumption starts appending: the results after this line are that segment's. */
  startSegment(segment: SegmentStart): void;
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
  writeFileSync(path, `${JSON.stringify({ type: 'run', journalVersion: JOURNAL_VERSION, ...header })}\n`);
  return openJournal(path);
}

export function openJournal(path: string): Journal {
  return {
    path,
    startSegment: (segment) => appendFileSync(path, `${JSON.stringify({ type: 'segment', ...segment })}\n`),
    append: (result) => appendFileSync(path, `${JSON.stringify({ type: 'result', at: new Date().toISOString(), result })}\n`),
    remove: () => rmSync(path, { force: true }),
  };
}

/** The header, segments and completed results of an unfinished run in outDirectory; a torn last line is dropped. */
export function readJournal(outDirectory: string): { header: JournalHeader; segments: JournaledSegment[]; results: TrialResult[]; journal: Journal } {
  const path = join(outDirectory, JOURNAL_FILE);
  if (!existsSync(path))
    throw new JournalError(
      `--resume found no unfinished run in "${outDirectory}"; allowed: an --out directory holding ${JOURNAL_FILE} from an interrupted run`,
    );
  const lines = readFileSync(path, 'utf8').split('\n');
  const complete = lines.slice(0, -1);
  const [first, ...rest] = complete.map((line, index) => parseLine(path, line, index));
  if (first?.type !== 'run' || first.journalVersion !== JOURNAL_VERSION) {
    throw new JournalError(
      `--resume journal "${path}" does not start with a version ${JOURNAL_VERSION} run header (found version ${String(first?.journalVersion)}); allowed: a journal of this harness`,
    );
  }
  const problem = findPlanProblem((first as { plan?: unknown }).plan);
  if (problem !== null) throw new JournalError(`--resume journal "${path}" ${problem}; allowed: a journal of this harness`);
  const results = rest.filter((entry): entry is JournalLine & { result: TrialResult } => entry?.type === 'result').map((entry) => entry.result);
  const resultsProblem = findResultsProblem(results);
  if (resultsProblem !== null) throw new JournalError(`--resume journal "${path}" ${resultsProblem}; allowed: a journal of this harness`);
  return { header: first as JournalHeader, segments: groupSegments(path, rest), results, journal: openJournal(path) };
}

/** Each segment line with the result lines that follow it, up to the next segment line. */
function groupSegments(path: string, lines: readonly (JournalLine | null)[]): JournaledSegment[] {
  const segments: JournaledSegment[] = [];
  for (const line of lines) {
    if (line?.type === 'segment') {
      const { startedAt, sourceDigest, concurrency, environment } = line as JournalLine & SegmentStart;
      segments.push({ start: { startedAt, sourceDigest, concurrency, environment }, resultCount: 0, finishedAt: startedAt });
    } else if (line?.type === 'result') {
      const current = segments.pop();
      if (current === undefined) throw new JournalError(`--resume journal "${path}" has a result before any segment line; allowed: a journal of this harness`);
      segments.push({ ...current, resultCount: current.resultCount + 1, finishedAt: line.at ?? current.finishedAt });
    }
  }
  return segments;
}

interface JournalLine {
  readonly type?: unknown;
  readonly journalVersion?: unknown;
  readonly at?: string;
  readonly result?: TrialResult;
}

function parseLine(path: string, line: string, index: number): JournalLine | null {
  try {
    return JSON.parse(line) as { type?: unknown };
  } catch {
    throw new JournalError(`--resume journal "${path}" has a line ${index + 1} that is not JSON; only the last line may be torn`);
  }
}

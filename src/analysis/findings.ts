import type { Leftover } from '../probes/probe.ts';
import type { CellSummary, ProbeTally } from './summarize-cell.ts';
import { joinWords } from '../report/evidence/join-words.ts';

/** Trials in which something was found, out of the trials in which it could be measured. */
export interface Share {
  readonly found: number;
  readonly of: number;
}

/** Something a stop can leave behind, as the tradeoffs and claims name it. */
export interface Finding {
  /** Short, for a table cell: `temp files 3/12`. */
  readonly label: string;
  /** For a sentence: `left ${phrase} in 3/12 trials`. */
  readonly phrase: string;
  /** null when no trial of the cell could measure it (never a share of 0). */
  share(cell: CellSummary): Share | null;
}

/** Every finding a probe or check reports, keyed by name, in the order the report lists them. */
export const FINDINGS = {
  fds: { label: 'fds', phrase: 'file descriptors open', share: (cell) => fromTally(cell.leftovers.fds) },
  sockets: { label: 'sockets', phrase: 'ports or connections open', share: (cell) => fromTally(cell.leftovers.sockets) },
  tempFiles: { label: 'temp files', phrase: 'temp files', share: (cell) => fromTally(cell.leftovers.tempFiles) },
  processes: { label: 'processes', phrase: 'processes running', share: (cell) => fromTally(cell.leftovers.processes) },
  locks: { label: 'locks', phrase: 'locks (OS locks or lock folders)', share: (cell) => fromTally(cell.leftovers.locks) },
  mutex: {
    label: 'mutex held',
    phrase: 'the shared-memory mutex held',
    share: ({ sharedMutex }) => (sharedMutex === null ? null : { found: sharedMutex.held, of: sharedMutex.measured }),
  },
  data: {
    label: 'data broken',
    phrase: 'acknowledged data missing or torn',
    share: ({ integrity }) => (integrity === null ? null : { found: integrity.broken, of: integrity.checked }),
  },
  memory: { label: 'memory past threshold', phrase: 'host memory grown past the threshold', share: (cell) => fromTally(cell.leftovers.memory) },
} as const satisfies Record<string, Finding>;

export type FindingName = keyof typeof FINDINGS;
export const FINDING_NAMES = Object.keys(FINDINGS) as FindingName[];

/** A finding and its share in one cell (or pooled cells). */
export interface Found {
  readonly finding: Finding;
  readonly share: Share;
}

/** The findings of a cell that at least one trial showed, in report order. */
export function listFound(cell: CellSummary, names: readonly FindingName[] = FINDING_NAMES): Found[] {
  return names.flatMap((name) => {
    const finding: Finding = FINDINGS[name];
    const share = finding.share(cell);
    return share === null || share.found === 0 ? [] : [{ finding, share }];
  });
}

/** Shares of several cells added up; null when none of them could measure. */
export function sumShares(shares: readonly (Share | null)[]): Share | null {
  const measured = shares.filter((share): share is Share => share !== null);
  if (measured.length === 0) return null;
  return { found: measured.reduce((sum, share) => sum + share.found, 0), of: measured.reduce((sum, share) => sum + share.of, 0) };
}

/** `temp files in 1/1 trials and the shared-memory mutex held in 1/1`: what a sentence says a stop left. */
export function describeShares(found: readonly { readonly finding: Finding; readonly share: Share | null }[]): string {
  return joinWords(
    found.map(({ finding, share }, position) =>
      share === null ? `${finding.phrase} (not measured)` : `${finding.phrase} in ${formatShare(share)}${position === 0 ? ' trials' : ''}`,
    ),
  );
}

export function formatShare(share: Share): string {
  return `${share.found}/${share.of}`;
}

function fromTally(tally: ProbeTally<Leftover> | null): Share | null {
  return tally === null ? null : { found: tally.withLeftovers, of: tally.measured };
}

import type { RunRecord } from '../../record/run-record.ts';

/** How the run answers a claim; `not measured` when it lacks the cells that decide it. */
export const VERDICTS = ['confirmed', 'refuted', 'partly true', 'does not apply', 'not measured'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface ClaimVerdict {
  readonly verdict: Verdict;
  /** Lines citing the cells and figures of the run the verdict rests on (or saying which are missing). */
  readonly evidence: string[];
}

/** A claim articles make about stopping threads or processes, its Node.js reading, and the rule that decides it. */
export interface Claim {
  readonly statement: string;
  readonly nodeReading: string;
  /** A pure function of the recorded run. */
  evaluate(record: RunRecord): ClaimVerdict;
}

export function decide(verdict: Verdict, ...evidence: (string | null)[]): ClaimVerdict {
  return { verdict, evidence: evidence.filter((line): line is string => line !== null) };
}

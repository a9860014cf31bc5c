import type { RunRecord } from '../record/run-record.ts';

/** What this run found but could not attribute: new entries of the shared temp locations born while other trials ran. */
export interface Unattributed {
  /** Trials that saw any. */
  readonly trials: number;
  /** Every such path, without repeats, in the order first seen. */
  readonly paths: readonly string[];
}

export function findUnattributed(record: RunRecord): Unattributed {
  const lists = record.results.flatMap((result) => {
    const paths = 'leftovers' in result ? (result.leftovers.tempFiles?.unattributed ?? []) : [];
    return paths.length === 0 ? [] : [paths];
  });
  return { trials: lists.length, paths: [...new Set(lists.flat())] };
}

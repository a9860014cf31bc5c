import type { TrialKey } from './trial-result.ts';

/** One cell of the matrix: every trial of one workload under one kill style in one runtime (and engine). */
export type CellKey = Omit<TrialKey, 'trial'>;

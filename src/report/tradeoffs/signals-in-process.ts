import type { KillStyleName } from '../../kill-styles/kill-styles.ts';
import type { RunRecord } from '../../record/run-record.ts';
import { type CellIndex, indexCells, selectCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { shareCleanupRan } from '../evidence/cleanup.ts';
import { contrastFindings } from '../evidence/contrast-findings.ts';
import { formatShare } from '../evidence/findings.ts';
import { findWorkloadsWithCleanup } from '../evidence/workload-traits.ts';
import type { TradeoffRule } from './tradeoff-rule.ts';

/** The same signal with and without a chance to clean up: did the workload's cleanup run, and were temp files left? */
export const signalsInProcess: TradeoffRule = {
  title: 'SIGTERM or SIGKILL of a process',
  describe(record: RunRecord): string[] {
    const index = indexCells(record);
    const paired = index.workloads.filter((workload) => (['sigterm', 'sigkill'] as const).every((kill) => selectCells(index, kill, 'process', [workload]).length > 0));
    if (paired.length === 0) return [];
    const tempFiles = contrastFindings(
      ['tempFiles'],
      { label: 'SIGTERM', cells: selectCells(index, 'sigterm', 'process', paired) },
      { label: 'SIGKILL', cells: selectCells(index, 'sigkill', 'process', paired) },
      index.workloads,
    );
    return [describeCleanup(index, paired), tempFiles].filter((sentence): sentence is string => sentence !== null);
  },
};

/** Only over workloads whose cooperative abort ran cleanup: elsewhere there was no cleanup to skip. */
function describeCleanup(index: CellIndex, paired: readonly string[]): string | null {
  const workloads = findWorkloadsWithCleanup(index, 'process').filter((workload) => paired.includes(workload));
  const ran = (kill: KillStyleName, trials: string) => {
    const cells = selectCells(index, kill, 'process', workloads);
    const share = shareCleanupRan(cells);
    return share === null ? null : `${formatShare(share)} ${trials} ${citeCells(cells, index.workloads)}`;
  };
  const [sigterm, sigkill, handled] = [ran('sigterm', 'SIGTERM trials'), ran('sigkill', 'SIGKILL trials'), ran('sigterm-handled', 'trials')];
  if (sigterm === null || sigkill === null) return null;
  const withHandler = handled === null ? '' : `; with a SIGTERM handler (\`sigterm-handled\`) it ran in ${handled}`;
  return `The workload's cleanup ran in ${sigterm} and in ${sigkill}${withHandler}.`;
}

import type { KillStyleName } from '../../kill-styles/kill-styles.ts';
import type { RunRecord } from '../../record/run-record.ts';
import { type CellView, indexCells, selectCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { pool } from '../evidence/contrast-findings.ts';
import { formatShare, type Share } from '../evidence/findings.ts';
import { findSpawningWorkloads, PLAIN_SIGNALS } from '../evidence/workload-traits.ts';
import { renderInlineCode } from '../markdown-syntax.ts';
import { type Claim, type ClaimVerdict, decide } from './claim.ts';

/**
 * Over the workloads the run shows starting processes of their own: after SIGTERM, SIGINT or SIGKILL ended the child,
 * were its own children still running? Confirmed: in every such trial; refuted: in none; partly true: in some; not
 * measured: no such workload was signalled. tree-kill is reported beside it, as the way around.
 */
export const killedProcessOrphansChildren: Claim = {
  statement: 'Killing a process does not kill the processes it started.',
  nodeReading: "A child's own children after SIGTERM, SIGINT or SIGKILL of the child, and after tree-kill.",
  evaluate(record: RunRecord): ClaimVerdict {
    const index = indexCells(record);
    const spawning = findSpawningWorkloads(index);
    const signalled = PLAIN_SIGNALS.flatMap((kill) => {
      const cells = selectCells(index, kill, 'process', spawning).filter((cell) => cell.ended !== null);
      const share = pool('processes', cells);
      return share === null ? [] : [{ kill, cells, share }];
    });
    if (signalled.length === 0) return decide('not measured', 'No workload that starts processes of its own had its child ended by SIGTERM, SIGINT or SIGKILL.');
    const describe = (kill: KillStyleName, share: Share, cells: readonly CellView[]) =>
      `After ${renderInlineCode(kill)} the child's own processes were still running in ${formatShare(share)} trials ${citeCells(cells, index.workloads)}.`;
    const treeKillCells = selectCells(index, 'tree-kill', 'process', spawning).filter((cell) => cell.ended !== null);
    const treeKill = pool('processes', treeKillCells);
    const found = signalled.reduce((sum, { share }) => sum + share.found, 0);
    const of = signalled.reduce((sum, { share }) => sum + share.of, 0);
    return decide(
      found === of ? 'confirmed' : found === 0 ? 'refuted' : 'partly true',
      ...signalled.map(({ kill, share, cells }) => describe(kill, share, cells)),
      treeKill === null ? null : describe('tree-kill', treeKill, treeKillCells),
    );
  },
};

import type { RunRecord } from '../../record/run-record.ts';
import { indexCells, selectCells } from '../evidence/cell-index.ts';
import { citeCells } from '../evidence/cite.ts';
import { shareCleanupRan } from '../evidence/cleanup.ts';
import { citeShowing, pool } from '../evidence/contrast-findings.ts';
import { formatShare } from '../evidence/findings.ts';
import { findWorkloadsWithCleanup, PLAIN_SIGNALS } from '../evidence/workload-traits.ts';
import { renderInlineCode } from '../markdown-syntax.ts';
import { type Claim, type ClaimVerdict, decide } from './claim.ts';

/**
 * Over the workloads whose cooperative abort ran cleanup in a process: did SIGTERM, SIGINT and SIGKILL (Node's default
 * dispositions) run it? Confirmed: never, and no handled SIGTERM ran it either; partly true: never by default but a
 * SIGTERM handler ran it, or it ran in some signalled trials; refuted: it ran in every one; not measured: no such cells.
 */
export const killedProcessSkipsCleanup: Claim = {
  statement: 'Killing a process skips its cleanup: finally blocks and exit handlers do not run, and temp files stay.',
  nodeReading: "SIGTERM and SIGINT without a handler, and SIGKILL, against a child with cleanup to do; tmp's graceful cleanup.",
  evaluate(record: RunRecord): ClaimVerdict {
    const index = indexCells(record);
    const workloads = findWorkloadsWithCleanup(index, 'process');
    const signalled = PLAIN_SIGNALS.flatMap((kill) => {
      const cells = selectCells(index, kill, 'process', workloads);
      const share = shareCleanupRan(cells);
      return share === null ? [] : [{ kill, cells, share }];
    });
    const ran = shareCleanupRan(signalled.flatMap(({ cells }) => cells));
    if (ran === null) return decide('not measured', 'No workload with cleanup to run (its abort in a process ran it) was stopped by SIGTERM, SIGINT or SIGKILL.');
    const lines = signalled.map(({ kill, cells, share }) => {
      const tempFiles = pool('tempFiles', cells);
      const left = tempFiles === null ? 'temp files not measured' : `temp files left in ${formatShare(tempFiles)} ${citeShowing(cells, ['tempFiles'], index.workloads)}`;
      return `${renderInlineCode(kill)}: cleanup ran in ${formatShare(share)} trials ${citeCells(cells, index.workloads)}; ${left}.`;
    });
    const handledCells = selectCells(index, 'sigterm-handled', 'process', workloads);
    const handled = shareCleanupRan(handledCells);
    const handledLine = handled === null ? null : `With a SIGTERM handler (\`sigterm-handled\`) cleanup ran in ${formatShare(handled)} trials ${citeCells(handledCells, index.workloads)}.`;
    const verdict = ran.found === ran.of ? 'refuted' : ran.found > 0 || (handled?.found ?? 0) > 0 ? 'partly true' : 'confirmed';
    return decide(verdict, ...lines, handledLine);
  },
};

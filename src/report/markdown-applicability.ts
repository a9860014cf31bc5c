import { notApplicableReason } from '../kill-styles/kill-style.ts';
import { killStyleOf, type KillStyleName } from '../kill-styles/kill-styles.ts';
import type { RunPlan } from '../record/run-record.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';

/** Where every planned kill style applies, said once for the run so the workload tables need only print `n/a`. */
export function renderApplicability(plan: RunPlan): string {
  const rows = plan.kills.map((kill) => [renderInlineCode(kill), ...plan.runtimes.map((runtime) => describeApplicability(kill, runtime))]);
  return [
    '### Where each kill style applies',
    'A thread is a tinypool worker, a process an execa child. Where a kill style does not apply, its cells in the tables below read `n/a`, for this reason:',
    renderTable(['Kill style', ...plan.runtimes], rows),
  ].join('\n\n');
}

function describeApplicability(kill: KillStyleName, runtime: RuntimeName): string {
  const reason = notApplicableReason(killStyleOf(kill), runtime);
  return reason === null ? 'applies' : `n/a: ${reason}`;
}

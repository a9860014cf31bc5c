import type { RuntimeName } from '../runtime/runtime.ts';
import { NOT_MEASURED, NOTHING_RECORDED } from './format-cell.ts';
import type { CellSummary } from '../analysis/summarize-cell.ts';

/** reportedMs times the runtime package's own promise, so the cell names the package. */
const RUNTIME_PACKAGES: Record<RuntimeName, string> = {
  thread: 'tinypool',
  process: 'execa',
  'py-thread': 'threading',
  'py-process': 'multiprocessing',
  'py-process-spawn': 'multiprocessing',
};

/** A gap between the runtime's promise and the OS smaller than either of these is timer noise, not a finding. */
export const NOTABLE_GAP_MS = 1;
export const NOTABLE_GAP_RATIO = 0.2;

/**
 * The median stop time as the OS saw it, then in parentheses: p95 and the maximum when there was more than one sample,
 * the runtime's own median when it tells a notably different story, the median time until every probe found nothing
 * left when that came notably later, and how often the runtime never settled.
 */
export function formatStopMs(cell: CellSummary): string {
  const { stopMs, reportedMs, releasedMs, neverSettled } = cell;
  if (stopMs === null) return cell.overlapped > 0 ? `${NOT_MEASURED}: every stop overlapped the other lane's harness work` : NOTHING_RECORDED;
  const runtimePackage = RUNTIME_PACKAGES[cell.runtime];
  const details = [
    stopMs.count > 1 ? `p95 ${formatMilliseconds(stopMs.p95)}, max ${formatMilliseconds(stopMs.max)}` : null,
    reportedMs !== null && differsNotably(stopMs.median, reportedMs.median) ? `${runtimePackage}: ${formatMilliseconds(reportedMs.median)}` : null,
    releasedMs !== null && differsNotably(stopMs.median, releasedMs.median) ? `all released: ${formatMilliseconds(releasedMs.median)}` : null,
    neverSettled === 0 ? null : `${runtimePackage} never settled${neverSettled < stopMs.count ? ` in ${neverSettled}/${stopMs.count}` : ''}`,
    cell.overlapped === 0 ? null : `${cell.overlapped} left out: the other lane's harness work overlapped them`,
  ].filter((detail) => detail !== null);
  const median = formatMilliseconds(stopMs.median);
  return details.length === 0 ? median : `${median} (${details.join(', ')})`;
}

function differsNotably(stopMedian: number, reportedMedian: number): boolean {
  const gap = Math.abs(stopMedian - reportedMedian);
  return gap >= NOTABLE_GAP_MS && gap >= NOTABLE_GAP_RATIO * stopMedian;
}

/** Milliseconds with one decimal, the precision of every stop time in the report. */
export function formatMilliseconds(milliseconds: number): string {
  return milliseconds.toFixed(1);
}

/** To a tenth without trailing zeros, so a whole number reads as drawn: `3`, `2.5` (kill delays, chart values). */
export function formatTenths(value: number): string {
  return String(Math.round(value * 10) / 10);
}

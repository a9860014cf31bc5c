import type { ParentSummary } from '../analysis/summarize-parent.ts';
import { NOT_MEASURED } from './format-cell.ts';
import { formatMilliseconds } from './format-stop.ts';

/** How many holders a cell names; the rest are counted. */
const NAMED_HOLDERS = 2;

/**
 * Whether the parent could go on after the stop: `at once k/n`, else how many trials held it, for how long past the
 * work's end (median), and by what; `not measured` where no parent was watched (a Python host, host-death).
 */
export function formatParent(parent: ParentSummary | null): string {
  if (parent === null) return NOT_MEASURED;
  const { watched, wentOnAtOnce, stillHeld, heldMs, heldBy } = parent;
  if (wentOnAtOnce === watched) return `at once ${watched}/${watched}`;
  const held = watched - wentOnAtOnce;
  const how = [
    heldMs === null ? null : `${formatMilliseconds(heldMs.median)} ms past the end`,
    stillHeld === 0 ? null : `still held at the watch's end ${stillHeld}/${watched}`,
  ].filter((part) => part !== null);
  const named = heldBy.slice(0, NAMED_HOLDERS).map((holder) => holder.name);
  const more = heldBy.length > NAMED_HOLDERS ? `, ${heldBy.length - NAMED_HOLDERS} more` : '';
  const by = named.length === 0 ? '' : `; by ${named.join('; ')}${more}`;
  return `**held** ${held}/${watched}${how.length === 0 ? '' : ` (${how.join(', ')})`}${by}`;
}

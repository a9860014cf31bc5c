import { NOTHING_RECORDED } from './format-cell.ts';
import { formatTenths } from './format-stop.ts';
import { renderInlineCode } from './markdown-syntax.ts';
import type { KillPointSummary, MillisecondRange } from '../analysis/summarize-kill-points.ts';

/**
 * Where a cell's kills were aimed: the runtime's own deadline for `timeout`, the range of seeded delays after ready()
 * (`delay 3–47 ms`), and for each critical section aimed at, the seeded wait before its entry and how many kills
 * landed inside it (`in \`holding-lock\` after 3–47 ms: 3/3 landed`). An untargeted kill that stopped the work
 * inside a section says so too (`inside \`holding-lock\` by chance: 1/3`): the section log, not the aim, says where
 * the work was.
 */
export function formatKillPoints(killPoints: KillPointSummary): string {
  const { delayMs, deadlineMs, sections, untargeted, insideByChance } = killPoints;
  const parts = [
    ...deadlineMs.map((deadline) => `deadline ${formatTenths(deadline)} ms from start`),
    ...(delayMs === null ? [] : [`delay ${formatRange(delayMs)}`]),
    ...sections.map(({ section, afterMs, targeted, landed }) => `in ${renderInlineCode(section)} after ${formatRange(afterMs)}: ${landed}/${targeted} landed`),
    ...Object.entries(insideByChance).map(([section, trials]) => `inside ${renderInlineCode(section)} by chance: ${trials}/${untargeted}`),
  ];
  return parts.length === 0 ? NOTHING_RECORDED : parts.join('; ');
}

/** `3–47 ms`, or `12 ms` when every trial waited the same. */
function formatRange({ min, max }: MillisecondRange): string {
  return min === max ? `${formatTenths(min)} ms` : `${formatTenths(min)}–${formatTenths(max)} ms`;
}

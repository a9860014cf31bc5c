import { NAME_PROBES } from '../analysis/leftover-kinds.ts';
import type { Leftovers } from '../probes/probes.ts';

/** At most this many things are named per probe in a regression; the report and results.json list them all. */
const NAMED = 5;

/**
 * What a probe found, by name, from the trial that left the most, named as the report names it (src/analysis/leftover-kinds.ts):
 * file paths, processes, ports and locks. A regression says what to look for, not only how many.
 */
export function nameLeftovers<Probe extends keyof Leftovers>(probe: Probe, found: Leftovers[Probe]): string {
  const names = found === null ? [] : NAME_PROBES[probe](found as NonNullable<Leftovers[Probe]>);
  if (names.length === 0) return '';
  return `: ${names.slice(0, NAMED).join(', ')}${names.length > NAMED ? `, and ${names.length - NAMED} more` : ''}`;
}

import { notApplicableReason } from '../kill-styles/kill-style.ts';
import { killStyleOf, type KillStyleName } from '../kill-styles/kill-styles.ts';
import type { RunPlan } from '../record/run-record.ts';
import { RUNTIME_NAMES, type RuntimeName } from '../runtime/runtime.ts';

/** One column of the first section's table: a runtime and the kill style that stands for one way of stopping it. */
export interface ComparedStyle {
  readonly stop: 'forced' | 'cooperative';
  readonly runtime: RuntimeName;
  readonly kill: KillStyleName;
}

/** A runtime the plan has, for which no planned style of a stop applies: its column is left out, and the report says why. */
export interface MissingColumn {
  readonly stop: ComparedStyle['stop'];
  readonly runtime: RuntimeName;
  /** The planned styles of that stop, none of which applies to the runtime (empty when the plan has none). */
  readonly planned: readonly KillStyleName[];
}

/**
 * The forced stop of each runtime first (terminate() a worker, the asynchronous exception in a Python thread, SIGKILL
 * a child); a run that lacks them stands in with the next most direct force it has: the escalating style's own force,
 * a dead host, then signals that ask before they force, then the deadline.
 */
const FORCED_STYLES: readonly KillStyleName[] = [
  'terminate',
  'async-exception',
  'sigkill',
  'tree-kill',
  'abort-then-force',
  'join-then-terminate',
  'host-death',
  'sigterm',
  'sigint',
  'timeout',
  'stopit-timeout',
];
/** The workload's own stop request (abort, or Python's event); a run without either has a process's handled SIGTERM at most. */
const COOPERATIVE_STYLES: readonly KillStyleName[] = ['abort', 'event', 'sigterm-handled'];

/**
 * For each runtime of the plan, thread first, the forced and the cooperative stop: the first planned style of each
 * list that applies to the runtime. A runtime none of whose planned styles of a stop applies gets no column (a header
 * never names a style that cannot run there), only a line in `missing`.
 */
export function pickComparedStyles(plan: RunPlan): { columns: ComparedStyle[]; missing: MissingColumn[] } {
  const runtimes = RUNTIME_NAMES.filter((runtime) => plan.runtimes.includes(runtime));
  const columns: ComparedStyle[] = [];
  const missing: MissingColumn[] = [];
  for (const [stop, candidates] of [
    ['forced', FORCED_STYLES],
    ['cooperative', COOPERATIVE_STYLES],
  ] as const) {
    const planned = candidates.filter((kill) => plan.kills.includes(kill));
    for (const runtime of runtimes) {
      const kill = planned.find((candidate) => notApplicableReason(killStyleOf(candidate), runtime) === null);
      if (kill === undefined) missing.push({ stop, runtime, planned });
      else columns.push({ stop, runtime, kill });
    }
  }
  return { columns, missing };
}

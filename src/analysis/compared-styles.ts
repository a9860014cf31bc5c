import { notApplicableReason } from '../kill-styles/kill-style.ts';
import { killStyleOf, type KillStyleName } from '../kill-styles/kill-styles.ts';
import type { RunPlan } from '../record/run-record.ts';
import { RUNTIME_NAMES, type RuntimeName } from '../runtime/runtime.ts';

/**
 * One column of the first section's tables: a runtime and the kill style that stands for one way of stopping it (its
 * forced stop, tree-kill of a child and its descendants, its cooperative stop, a sequence of steps).
 */
export interface ComparedStyle {
  readonly stop: 'forced' | 'tree' | 'cooperative' | 'sequence';
  readonly runtime: RuntimeName;
  readonly kill: KillStyleName;
}

/** A runtime the plan has, for which no planned style of a stop applies: its column is left out, and the report says why. */
export interface MissingColumn {
  readonly stop: 'forced' | 'cooperative';
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

/** The styles of the first section, picked from the plan. */
export interface PickedStyles {
  /** The headline table's: the forced stops, tree-kill where it ran beside another forced stop, the cooperative stops. */
  readonly columns: ComparedStyle[];
  readonly missing: MissingColumn[];
  /** Every planned sequence of steps (abort-then-force, a preset, one composed for the run), in each runtime it applies to. */
  readonly sequences: ComparedStyle[];
}

/**
 * For each runtime of the plan, thread first, the forced and the cooperative stop: the first planned style of each
 * list that applies to the runtime. A runtime none of whose planned styles of a stop applies gets no column (a header
 * never names a style that cannot run there), only a line in `missing`. tree-kill, when planned, gets a column of its
 * own beside the forced stop it is not, in the runtimes it applies to.
 */
export function pickComparedStyles(plan: RunPlan): PickedStyles {
  const runtimes = RUNTIME_NAMES.filter((runtime) => plan.runtimes.includes(runtime));
  const applies = (kill: KillStyleName, runtime: RuntimeName) => notApplicableReason(killStyleOf(kill), runtime) === null;
  const missing: MissingColumn[] = [];
  const pick = (stop: MissingColumn['stop'], candidates: readonly KillStyleName[]) => {
    const planned = candidates.filter((kill) => plan.kills.includes(kill));
    return runtimes.flatMap((runtime): ComparedStyle[] => {
      const kill = planned.find((candidate) => applies(candidate, runtime));
      if (kill === undefined) missing.push({ stop, runtime, planned });
      return kill === undefined ? [] : [{ stop, runtime, kill }];
    });
  };
  const forced = pick('forced', FORCED_STYLES);
  const tree = plan.kills.includes('tree-kill')
    ? runtimes.filter((runtime) => applies('tree-kill', runtime) && !forced.some((column) => column.runtime === runtime && column.kill === 'tree-kill'))
    : [];
  const cooperative = pick('cooperative', COOPERATIVE_STYLES);
  const sequences = plan.kills
    .filter((kill) => killStyleOf(kill).steps !== undefined)
    .flatMap((kill) => runtimes.filter((runtime) => applies(kill, runtime)).map((runtime) => ({ stop: 'sequence' as const, runtime, kill })));
  return {
    columns: [...forced, ...tree.map((runtime) => ({ stop: 'tree' as const, runtime, kill: 'tree-kill' as const })), ...cooperative],
    missing,
    sequences,
  };
}

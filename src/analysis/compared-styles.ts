import { notApplicableReason } from '../kill-styles/kill-style.ts';
import { KILL_STYLES, type KillStyleName } from '../kill-styles/kill-styles.ts';
import type { RunPlan } from '../record/run-record.ts';
import { RUNTIME_NAMES, type RuntimeName } from '../runtime/runtime.ts';

/** One column of the first section's table: a runtime and the kill style that stands for one way of stopping it. */
export interface ComparedStyle {
  readonly stop: 'forced' | 'cooperative';
  readonly runtime: RuntimeName;
  readonly kill: KillStyleName;
}

/**
 * The forced stop of each runtime first (terminate() a worker, the asynchronous exception in a Python thread, SIGKILL
 * a child); a run that lacks them stands in
 * with the next most direct force it has: the escalating style's own force, a dead host, then signals that ask
 * before they force, then the deadline.
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
 * For each runtime of the plan, thread first, the forced and the cooperative stop, forced stops side by side: the
 * first planned style of each list that applies to the runtime. When none applies, the first planned one still
 * gets its column, which reads n/a: that a thread cannot be SIGKILLed alone is itself the answer. A stop of which
 * the plan has no style at all has no column.
 */
export function pickComparedStyles(plan: RunPlan): ComparedStyle[] {
  const runtimes = RUNTIME_NAMES.filter((runtime) => plan.runtimes.includes(runtime));
  const columns = (stop: ComparedStyle['stop'], candidates: readonly KillStyleName[]) =>
    runtimes.flatMap((runtime) => {
      const kill = pickStyle(plan, candidates, runtime);
      return kill === null ? [] : [{ stop, runtime, kill }];
    });
  return [...columns('forced', FORCED_STYLES), ...columns('cooperative', COOPERATIVE_STYLES)];
}

function pickStyle(plan: RunPlan, candidates: readonly KillStyleName[], runtime: RuntimeName): KillStyleName | null {
  const planned = candidates.filter((kill) => plan.kills.includes(kill));
  return planned.find((kill) => notApplicableReason(KILL_STYLES[kill], runtime) === null) ?? planned[0] ?? null;
}

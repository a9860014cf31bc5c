import { type KillStyle, notApplicableReason } from '../kill-styles/kill-style.ts';
import { killStyleOf, type KillStyleName } from '../kill-styles/kill-styles.ts';
import { describeContainment } from '../process-family/containment.ts';
import { isPythonRuntime, type RuntimeName } from '../runtime/runtime.ts';
import type { KillPoint, TrialKey } from '../record/trial-result.ts';
import type { ResolvedWorkload } from './resolve-workloads.ts';
import type { RunPlan } from '../record/run-record.ts';
import { seededFraction } from './seeded-fraction.ts';
import { toEngineKey } from '../engines/engine-target.ts';

/** One trial of the run: its key, its number in the whole plan (its id's suffix), and its kill point, or why its style does not apply. */
export type PlannedTrial = { readonly key: TrialKey; readonly number: number } & (
  { readonly killPoint: KillPoint; readonly notApplicable: null } | { readonly killPoint: null; readonly notApplicable: string }
);

export type TrialPlanInput = Pick<
  RunPlan,
  'runtimes' | 'kills' | 'trials' | 'seed' | 'killPoint' | 'killDelayMaxMs' | 'deadlineMs' | 'shard' | 'engines' | 'python'
> & {
  readonly workloads: readonly PlannedWorkload[];
};

type PlannedWorkload = Pick<
  ResolvedWorkload,
  'name' | 'criticalSections' | 'unavailable' | 'receivesStopRequest' | 'readsCommands' | 'python' | 'noNodeModule'
>;
/** What planning reads of a workload's module in one language. */
type WorkloadTraits = Pick<PlannedWorkload, 'name' | 'criticalSections' | 'unavailable' | 'receivesStopRequest' | 'readsCommands'>;

/**
 * Every trial the plan runs, in report order (one engine after another, for a run across engines); a
 * not-applicable cell has a single entry. A shard keeps every n-th cell whole, on every version, and numbers its
 * trials as the unsharded run does, so shards merge into that run exactly.
 */
export function planTrials(plan: TrialPlanInput): PlannedTrial[] {
  const planned: PlannedTrial[] = [];
  let number = 0;
  for (const { cellIndex, engine, workload, kill, runtime } of listCells(plan)) {
    const traits = traitsFor(workload, runtime, plan);
    const reason =
      typeof traits === 'string'
        ? traits
        : (traits.unavailable ??
          engine?.unavailable[workload.name] ??
          notApplicableReason(killStyleOf(kill), runtime) ??
          workloadRulesOut(traits, killStyleOf(kill)) ??
          machineLacks(killStyleOf(kill)) ??
          pythonLacks(plan, kill, runtime));
    const inShard = plan.shard === null || cellIndex % plan.shard.count === plan.shard.index - 1;
    for (let trial = 1; trial <= (reason === null ? plan.trials : 1); trial += 1) {
      const key: TrialKey = { runtime, kill, workload: workload.name, trial, ...(engine === null ? {} : { engine: toEngineKey(engine) }) };
      number += 1;
      if (!inShard) continue;
      if (reason !== null || typeof traits === 'string') planned.push({ key, number, killPoint: null, notApplicable: reason ?? String(traits) });
      else planned.push({ key, number, killPoint: chooseKillPoint(plan, key, traits.criticalSections), notApplicable: null });
    }
  }
  return planned;
}

/**
 * The plan's cells in report order: per engine (one, unnamed, without --engine), per workload, per kill style, per
 * runtime. `cellIndex` counts within one engine, so a shard holds the same cell on every engine: the engines of a
 * cell are compared on one machine.
 */
function* listCells(plan: TrialPlanInput) {
  for (const engine of plan.engines ?? [null]) {
    let cellIndex = 0;
    for (const workload of plan.workloads) {
      for (const kill of plan.kills) {
        for (const runtime of plan.runtimes) yield { cellIndex: cellIndex++, engine, workload, kill, runtime };
      }
    }
  }
}

/**
 * The traits of the workload's module in the runtime's language (a Python runtime runs its Python module), or why it
 * has none there: no Python module of that name, no Node.js module for a Python-only workload, no Python on the machine.
 */
function traitsFor(workload: PlannedWorkload, runtime: RuntimeName, plan: TrialPlanInput): WorkloadTraits | string {
  if (!isPythonRuntime(runtime)) return workload.noNodeModule ?? workload;
  if (plan.python?.available === false) return plan.python.reason;
  if (workload.python === undefined) return `${workload.name} has no Python module: python/workloads/ has none of that name`;
  return { name: workload.name, ...workload.python };
}

/** Why a style the table allows in a Python runtime cannot be applied on this machine (stopit not installed). */
function pythonLacks(plan: TrialPlanInput, kill: KillStyleName, runtime: RuntimeName): string | null {
  if (plan.python?.available !== true) return null;
  return plan.python.unavailableStyles[kill]?.[runtime] ?? null;
}

/** Why this machine cannot apply a style that applies to the runtime: its cgroup steps need a cgroup per host. */
function machineLacks(style: KillStyle): string | null {
  if (style.steps?.some((step) => step.kind === 'cgroup') !== true) return null;
  const containment = describeContainment();
  return containment.available ? null : `${style.name} signals the host's cgroup, and hosts get none on this machine: ${containment.description}`;
}

/** Why the workload rules out a style that applies to the runtime: a command or a request to stop cannot reach it. */
function workloadRulesOut(workload: WorkloadTraits, style: KillStyle): string | null {
  if (workload.readsCommands === false && style.injectedAsCommand === true) {
    return `${workload.name} never gets back to code that reads the harness's commands (it blocks in one call, or loops without checking), so ${style.name}, injected as a command, cannot reach it`;
  }
  if (workload.receivesStopRequest !== false || style.onlyRequestsStop !== true) return null;
  return `${workload.name} never sees the cooperative stop request (a pool's task function is given none: the pool stops it by terminating its worker), and ${style.name} only asks`;
}

/** Where the trial's kill lands: the runtime's deadline for `timeout`; else a seeded section or delay after ready(). */
function chooseKillPoint(plan: TrialPlanInput, key: TrialKey, sections: readonly string[]): KillPoint {
  if (killStyleOf(key.kill).start?.usesDeadline) return { kind: 'deadline', afterStartMs: plan.deadlineMs };
  const draw = (purpose: string) => seededFraction(plan.seed, purpose, key.workload, key.kill, key.runtime, key.trial);
  const section = sections[Math.floor(draw('section') * sections.length)];
  const delayMs = Math.floor(draw('delay') * (plan.killDelayMaxMs + 1));
  if (plan.killPoint !== 'delay' && section !== undefined) return { kind: 'section', section, afterMs: delayMs };
  return { kind: 'delay', delayMs };
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessFamily } from '../process-family/process-family.ts';
import { cgroupHoldsOthers } from '../process-family/signal-cgroup.ts';
import { type NodeRuntimeName, PYTHON_RUNTIME_NAMES, type PythonRuntimeName, type StartedWork, type WorkByRuntime } from '../runtime/runtime.ts';
import { within } from '../runtime/within.ts';
import { type ApplyKill, type EndingStep, isNotApplicable, type KillContext, type NotApplicable, type PythonCalls, type WorkKillStyle } from './kill-style.ts';
import { type ActingStep, actionOf, type ApplyStep } from './step-actions.ts';
import { describeSequence, parseStopSequence, type StopStep, waitMsOf } from './stop-steps.ts';

/** How often a wait that follows a cgroup step looks whether the cgroup has emptied. */
const UNIT_POLL_MS = 10;

export interface SequenceDefinition {
  readonly name: string;
  /** The sequence as steps, or as it is written (`abort>grace>force`). */
  readonly steps: readonly StopStep[] | string;
  /** Default: the steps, said one after another. */
  readonly description?: string;
  /** A style of one language only: its entries in the other (noPythonCounterpart, NOT_IN_NODE), in place of the steps'. */
  readonly python?: PythonCalls;
  readonly node?: { readonly [Name in NodeRuntimeName]: NotApplicable };
  readonly preset?: WorkKillStyle['preset'];
}

/**
 * A kill style made of steps run one after another, in every runtime where each of them applies: a wait ends early
 * once the work is gone (after a cgroup step, once the cgroup holds nothing but the host: the whole unit), and the
 * steps after it are skipped. The host is told which step the work ended after: the last one applied.
 */
export function sequenceStyle(definition: SequenceDefinition): WorkKillStyle {
  const steps = typeof definition.steps === 'string' ? readSteps(definition.steps) : definition.steps;
  const acting = steps.flatMap((step, index) => (step.kind === 'wait' ? [] : [{ step, index }]));
  const nodeEntry = <Name extends NodeRuntimeName>(runtime: Name): ApplyKill<Name> | NotApplicable =>
    findUnfit(acting, (step) => actionOf(step)[runtime]) ?? ((work, context) => runSequence(steps, runtime, work, context));
  return {
    kind: 'work',
    name: definition.name,
    description: definition.description ?? describeSequence(steps),
    steps,
    ...(acting.every(({ step }) => step.kind === 'ask') ? { onlyRequestsStop: true } : {}),
    ...(definition.preset === undefined ? {} : { preset: definition.preset }),
    thread: definition.node?.thread ?? nodeEntry('thread'),
    process: definition.node?.process ?? nodeEntry('process'),
    ...(definition.python ?? describePythonCalls(steps, acting)),
  };
}

/** The steps a sequence's text spells; a built-in sequence that does not parse is a bug. */
function readSteps(text: string): readonly StopStep[] {
  const parsed = parseStopSequence(text);
  if ('problem' in parsed) throw new Error(`built-in stop sequence ${text}: ${parsed.problem}`);
  return parsed.steps;
}

type Placed = { readonly step: ActingStep; readonly index: number };

/** The first step that cannot apply, said with its place: `step 3 tree-kill: …`; null when every step applies. */
function findUnfit(acting: readonly Placed[], entryOf: (step: ActingStep) => unknown): NotApplicable | null {
  for (const { step, index } of acting) {
    const entry = entryOf(step);
    if (isNotApplicable(entry)) return { notApplicable: `step ${index + 1} ${step.name}: ${entry.notApplicable}` };
  }
  return null;
}

/** Per Python runtime, the calls the Python host makes in turn (python/isolation_harness/stop_steps.py), or why it cannot. */
function describePythonCalls(steps: readonly StopStep[], acting: readonly Placed[]): PythonCalls {
  const entryFor = (runtime: PythonRuntimeName) => {
    const unfit = findUnfit(acting, (step) => actionOf(step).python[runtime]);
    if (unfit !== null) return unfit;
    const calls = steps.map((step) => {
      if (step.kind === 'wait') return `wait up to ${step.name === 'grace' ? '--grace' : step.name} for the work to end`;
      const entry = actionOf(step).python[runtime];
      return isNotApplicable(entry) ? '' : entry.python;
    });
    return { python: calls.join('; ') };
  };
  return Object.fromEntries(PYTHON_RUNTIME_NAMES.map((runtime) => [runtime, entryFor(runtime)])) as PythonCalls;
}

async function runSequence<Name extends NodeRuntimeName>(
  steps: readonly StopStep[],
  runtime: Name,
  work: WorkByRuntime[Name],
  context: KillContext,
): Promise<EndingStep | undefined> {
  let ending: EndingStep | undefined;
  let unitSignalled = false;
  for (const [index, step] of steps.entries()) {
    if (step.kind === 'wait') {
      if (await waitForEnd(work, waitMsOf(step, context.graceMs), unitSignalled ? context.family : null)) break;
      continue;
    }
    const action = actionOf(step);
    // Every step applies to the runtime: sequenceStyle gives the runtime this function only then.
    await (action[runtime] as ApplyStep<Name>)(work, context);
    unitSignalled ||= step.kind === 'cgroup';
    ending = { name: step.name, step: index + 1, forces: action.forces.includes(runtime) };
  }
  return ending;
}

/** Whether the work (and, once the cgroup was signalled, every other process of the cgroup) was gone within the wait. */
async function waitForEnd(work: StartedWork, waitMs: number, unit: ProcessFamily | null): Promise<boolean> {
  const deadline = performance.now() + waitMs;
  if ((await within(waitMs, work.gone)) === undefined) return false;
  while (unit !== null && cgroupHoldsOthers(unit)) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    await sleep(Math.min(UNIT_POLL_MS, left));
  }
  return true;
}

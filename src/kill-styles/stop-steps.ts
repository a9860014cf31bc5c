import { MAX_TIMER_DELAY_MS } from '../runtime/long-timeout.ts';
import type { KillSignal } from '../runtime/runtime.ts';

/** What a cgroup step sends every process of the cgroup: systemd's KillSignal= (SIGTERM), then its final SIGKILL. */
export type CgroupSignal = 'SIGTERM' | 'SIGKILL';

/**
 * One step of a stop sequence, as data: what it does, and its name as a sequence spells it (`abort`, `500ms`,
 * `tree-kill`), which is also how a result names the step that ended the work.
 */
export type StopStep = { readonly name: string } & (
  | { readonly kind: 'ask' }
  /** At most this long for the work to be gone; `grace` is --grace. */
  | { readonly kind: 'wait'; readonly ms: number | 'grace' }
  | { readonly kind: 'signal'; readonly signal: KillSignal }
  | { readonly kind: 'terminate' }
  | { readonly kind: 'force' }
  | { readonly kind: 'tree-kill' }
  | { readonly kind: 'cgroup'; readonly signal: CgroupSignal }
);

export type StepKind = StopStep['kind'];

/** The words a sequence is written in, each the step it makes; a wait is also written as whole `ms` or `s` (500ms, 10s). */
export const STEP_WORDS: Readonly<Record<string, StopStep>> = {
  ask: { name: 'ask', kind: 'ask' },
  abort: { name: 'abort', kind: 'ask' },
  event: { name: 'event', kind: 'ask' },
  sigterm: { name: 'sigterm', kind: 'signal', signal: 'SIGTERM' },
  sigint: { name: 'sigint', kind: 'signal', signal: 'SIGINT' },
  sigkill: { name: 'sigkill', kind: 'signal', signal: 'SIGKILL' },
  terminate: { name: 'terminate', kind: 'terminate' },
  force: { name: 'force', kind: 'force' },
  'tree-kill': { name: 'tree-kill', kind: 'tree-kill' },
  'cgroup-sigterm': { name: 'cgroup-sigterm', kind: 'cgroup', signal: 'SIGTERM' },
  'cgroup-sigkill': { name: 'cgroup-sigkill', kind: 'cgroup', signal: 'SIGKILL' },
  grace: { name: 'grace', kind: 'wait', ms: 'grace' },
};

const WAIT = /^([1-9][0-9]*)(ms|s)$/;

/** What a sequence may be written with, as a refusal says it. */
export const SEQUENCE_GRAMMAR = `steps joined by > (abort>500ms>tree-kill): ${Object.keys(STEP_WORDS).join(', ')}, and waits in whole ms or s (500ms, 10s); two steps or more, the first and the last not a wait`;

/** The steps a sequence's text spells, or what is wrong with it. */
export function parseStopSequence(text: string): { readonly steps: readonly StopStep[] } | { readonly problem: string } {
  const words = text.split('>').map((word) => word.trim());
  if (words.length < 2) return { problem: 'a sequence has two steps or more, joined by >' };
  const steps: StopStep[] = [];
  for (const [index, word] of words.entries()) {
    const step = readStep(word);
    if (typeof step === 'string') return { problem: `step ${index + 1} ${step}` };
    steps.push(step);
  }
  const problem = findOrderProblem(steps);
  return problem === null ? { steps } : { problem };
}

/** The sequence as one name, the way a cell and a result name it. */
export function spellSequence(steps: readonly StopStep[]): string {
  return steps.map((step) => step.name).join('>');
}

/** How long the step waits, --grace resolved. */
export function waitMsOf(step: StopStep & { kind: 'wait' }, graceMs: number): number {
  return step.ms === 'grace' ? graceMs : step.ms;
}

/** Every wait of the sequence added up: how much longer than the stop timeout a trial of it may take. */
export function sequenceWaitMs(steps: readonly StopStep[], graceMs: number): number {
  return steps.reduce((sum, step) => sum + (step.kind === 'wait' ? waitMsOf(step, graceMs) : 0), 0);
}

/** `abort, then up to 500 ms for the work to end, then tree-kill`. */
export function describeSequence(steps: readonly StopStep[]): string {
  const phrases = steps.map((step) =>
    step.kind !== 'wait' ? step.name : `up to ${step.ms === 'grace' ? '--grace' : formatWait(step.ms)} for the work to end`,
  );
  return phrases.join(', then ');
}

function formatWait(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The step a word makes, or why it makes none. */
function readStep(word: string): StopStep | string {
  if (word === '') return 'is empty';
  const known = STEP_WORDS[word];
  if (known !== undefined) return known;
  const wait = WAIT.exec(word);
  if (wait === null) return `"${word}" is neither a step nor a wait`;
  const ms = Number(wait[1]) * (wait[2] === 's' ? 1000 : 1);
  if (ms > MAX_TIMER_DELAY_MS) return `"${word}" waits longer than ${MAX_TIMER_DELAY_MS} ms, the longest a timer waits`;
  return { name: word, kind: 'wait', ms };
}

/** A wait must follow an action and precede one: a wait first would time nothing the sequence did, a wait last nothing it will do. */
function findOrderProblem(steps: readonly StopStep[]): string | null {
  if (steps[0]?.kind === 'wait') return 'begins with a wait: the first step must act';
  if (steps.at(-1)?.kind === 'wait') return 'ends with a wait: the stop timeout already follows the last step';
  const doubled = steps.findIndex((step, index) => index > 0 && step.kind === 'wait' && steps[index - 1]?.kind === 'wait');
  if (doubled !== -1) return `step ${doubled + 1} is a second wait in a row: write one wait`;
  const fixed = steps.reduce((sum, step) => sum + (step.kind === 'wait' && step.ms !== 'grace' ? step.ms : 0), 0);
  if (fixed > MAX_TIMER_DELAY_MS) return `its waits add up to ${fixed} ms, more than ${MAX_TIMER_DELAY_MS} ms`;
  return null;
}

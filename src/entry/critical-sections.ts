import { appendFileSync } from 'node:fs';
import type { WorkloadContext } from '../workload/define-workload.ts';
import { sleepUntilStopped } from '../workload/sleep-until-stopped.ts';
import type { WorkloadSpec } from './messages.ts';

/** How long each synchronous wait lasts between two checks of the stop request while a section is held. */
const HOLD_SLICE_MS = 1;

type SectionHooks = Pick<WorkloadContext, 'enterSection' | 'enterSectionSync' | 'leaveSection'>;

export interface SectionState {
  readonly declared: readonly string[];
  /** `performance.now()` when ready() was called, or null before: a kill is only ever applied after it. */
  readySince(): number | null;
  stopRequested(): boolean;
  readonly signal: AbortSignal;
  /** Tells the host the targeted section was entered (held: its cue to apply the kill) or, entered early, left. */
  notify(event: { type: 'section-entered'; section: string; held: boolean } | { type: 'section-left'; section: string }): void;
}

/**
 * Critical sections as the workload marks them. Each entry and exit is appended to the section log, so after the
 * stop the harness reads where the workload was; the targeted section, first entered `targetAfterMs` after ready(), is held until
 * the stop is requested, so that the kill lands inside it.
 */
export function createSectionHooks(spec: WorkloadSpec, state: SectionState): SectionHooks {
  let held = false;
  // Entered before the drawn delay and not left yet: if the workload is still inside when the delay is over, the
  // host applies the kill then (a section entered right after ready() and never left is entered all the same).
  let insideEarly = false;
  // Told once: a workload that enters and leaves millions of times a second would flood the channel to the host,
  // and the held entry behind that queue would arrive too late. Once it has been seen to leave, its next entry after
  // the delay is held, so the host needs no more of its early entries.
  let earlyLeaveTold = false;
  const enter = (name: string): boolean => {
    if (!state.declared.includes(name)) {
      throw new TypeError(`section "${name}" is not declared; declare it in the workload's criticalSections (${state.declared.join(', ') || 'none'})`);
    }
    appendFileSync(spec.sectionLog, `enter ${name}\n`);
    if (held || name !== spec.targetSection) return false;
    const readySince = state.readySince();
    if (readySince === null || performance.now() - readySince < spec.targetAfterMs) {
      insideEarly = readySince !== null;
      if (insideEarly && !earlyLeaveTold) state.notify({ type: 'section-entered', section: name, held: false });
      return false;
    }
    held = true;
    state.notify({ type: 'section-entered', section: name, held: true });
    return true;
  };
  return {
    async enterSection(name) {
      if (enter(name)) await sleepUntilStopped(state.signal, spec.sectionHoldMs);
    },
    enterSectionSync(name) {
      if (enter(name)) holdSynchronously(state, spec.sectionHoldMs);
    },
    leaveSection(name) {
      appendFileSync(spec.sectionLog, `leave ${name}\n`);
      if (name !== spec.targetSection || !insideEarly) return;
      insideEarly = false;
      if (earlyLeaveTold) return;
      earlyLeaveTold = true;
      state.notify({ type: 'section-left', section: name });
    },
  };
}

/** Blocks as synchronous code does: signals and the event loop wait, and only the synchronous stop check gets through. */
function holdSynchronously(state: SectionState, holdMs: number): void {
  const slot = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const until = performance.now() + holdMs;
  while (!state.stopRequested() && performance.now() < until) Atomics.wait(slot, 0, 0, HOLD_SLICE_MS);
}

/** The section the workload was inside when it stopped, from the log's last line; null when it was in none. */
export function sectionAtStop(logLines: readonly string[]): string | null {
  const last = logLines.at(-1);
  return last?.startsWith('enter ') ? last.slice('enter '.length) : null;
}

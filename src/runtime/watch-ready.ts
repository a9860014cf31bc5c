import type { WorkerEvent, WorkReady } from '../entry/messages.ts';
import type { MessageSource } from './follow-event-log.ts';
import type { BodyThread } from './runtime.ts';

/** Resolves on the workload's first event of one type, from whichever emitter carries its messages. */
function watchEvent<Type extends WorkerEvent['type']>(events: MessageSource, type: Type): Promise<Extract<WorkerEvent, { type: Type }>> {
  return new Promise((resolve) => {
    const onMessage = (event: WorkerEvent) => {
      if (event.type !== type) return;
      events.off('message', onMessage);
      resolve(event as Extract<WorkerEvent, { type: Type }>);
    };
    events.on('message', onMessage);
  });
}

/** Resolves when the workload calls ready(), with the OS thread it runs on and the event loops open then. */
export function watchReady(events: MessageSource): Promise<WorkReady> {
  return watchEvent(events, 'ready').then(({ osThreadId, eventLoops }) => ({ osThreadId, eventLoops }));
}

/** The OS thread the workload's body runs on, once its first message says so; null before. */
export function watchBodyThread(events: MessageSource, pid: number): () => BodyThread | null {
  let thread: BodyThread | null = null;
  void watchEvent(events, 'started').then(({ osThreadId, eventLoops }) => (thread = { pid, osThreadId, eventLoops }));
  return () => thread;
}

/**
 * The section a trial targets, as the workload reports it: `held` resolves when the workload enters it once the drawn
 * delay has passed (and the harness holds it there); `isInside()` says whether it is inside it now, entered earlier.
 */
export function watchTargetSection(events: MessageSource): TargetSection {
  let inside = false;
  const leaving: Array<() => void> = [];
  const held = new Promise<string>((resolve) => {
    events.on('message', (event: WorkerEvent) => {
      if (event.type === 'section-left') {
        inside = false;
        for (const resolveLeft of leaving.splice(0)) resolveLeft();
      }
      if (event.type !== 'section-entered') return;
      if (event.held) resolve(event.section);
      else inside = true;
    });
  });
  return { held, isInside: () => inside, left: () => (inside ? new Promise((resolve) => leaving.push(() => resolve(undefined))) : Promise.resolve()) };
}

export interface TargetSection {
  readonly held: Promise<string>;
  isInside(): boolean;
  /** Resolves once the workload leaves the section it entered early (at once when it is not inside). */
  left(): Promise<void>;
}

/** Normalizes anything thrown into the one-line message a result records. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return `${error.name}${code === undefined ? '' : ` [${code}]`}: ${error.message}`;
}

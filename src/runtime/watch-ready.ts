import type { WorkerEvent } from '../entry/messages.ts';

/** The part of a MessagePort or a ChildProcess that delivers messages. */
interface MessageSource {
  on(event: 'message', listener: (event: WorkerEvent) => void): unknown;
  off(event: 'message', listener: (event: WorkerEvent) => void): unknown;
}

/** Resolves on the workload's first ready event, from whichever emitter carries its messages. */
export function watchReady(events: MessageSource): Promise<{ osThreadId: number }> {
  return new Promise((resolve) => {
    const onMessage = (event: WorkerEvent) => {
      if (event.type !== 'ready') return;
      events.off('message', onMessage);
      resolve({ osThreadId: event.osThreadId });
    };
    events.on('message', onMessage);
  });
}

/** Normalizes anything thrown into the one-line message a result records. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

import { appendFileSync } from 'node:fs';
import type { WorkerEvent } from './messages.ts';

/**
 * Numbers each event the workload body sends and, where the spec names an event log, also appends it there, in one
 * synchronous write that reaches the kernel before the next statement. Deno delivers a worker's postMessage and a
 * child's process.send only when their event loop turns: a workload that calls ready() and then loops synchronously
 * would never be seen ready. The host follows the log as well as the channel (src/runtime/follow-event-log.ts).
 */
export function logEvents(send: (event: WorkerEvent) => void, eventLog: string | undefined): (event: WorkerEvent) => void {
  let seq = 0;
  return (event) => {
    const numbered = { ...event, seq: (seq += 1) };
    if (eventLog !== undefined) appendFileSync(eventLog, `${JSON.stringify(numbered)}\n`);
    send(numbered);
  };
}

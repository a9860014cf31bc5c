import type { MessagePort } from 'node:worker_threads';
import type { WorkloadSpec } from '../entry/messages.ts';

/** What the host hands tinypool for one trial: the spec, an event port, and shared memory for commands, the mutex and the workload. */
export interface ThreadTask {
  readonly spec: WorkloadSpec;
  readonly port: MessagePort;
  /** One Int32 slot holding the latest command's code (see WORKER_COMMANDS), 0 for none. */
  readonly commandSlot: SharedArrayBuffer;
  /** The workload's shared mutex, which the host keeps so it can test it after the stop. */
  readonly mutex: SharedArrayBuffer;
  /** The workload's `context.sharedMemory`, which the host reads after the stop for checkSharedMemory(). */
  readonly sharedMemory: SharedArrayBuffer;
}

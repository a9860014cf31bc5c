import type { MessagePort } from 'node:worker_threads';
import type { WorkloadSpec } from '../entry/messages.ts';

/** What the host hands tinypool for one trial: the spec, an event port and a shared stop flag. */
export interface ThreadTask {
  readonly spec: WorkloadSpec;
  readonly port: MessagePort;
  /** One Int32 slot; the host stores 1 to request a cooperative stop. */
  readonly stopFlag: SharedArrayBuffer;
  /** The workload's shared mutex, which the host keeps so it can test it after the stop. */
  readonly mutex: SharedArrayBuffer;
}

export const STOP_REQUESTED = 1;

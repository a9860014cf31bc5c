import { isStopMessage } from '../entry/messages.ts';
import type { WorkloadTransport } from '../entry/run-workload.ts';
import { STOP_REQUESTED, type ThreadTask } from './thread-task.ts';

/** Inside the worker: events go through the task's port; the stop flag is shared memory, visible mid-loop. */
export function createThreadTransport(task: ThreadTask): WorkloadTransport {
  const stopFlag = new Int32Array(task.stopFlag);
  return {
    send: (event) => task.port.postMessage(event),
    mutexBuffer: task.mutex,
    isStopRequested: () => Atomics.load(stopFlag, 0) === STOP_REQUESTED,
    onStopRequest(listener) {
      task.port.on('message', (message) => {
        if (isStopMessage(message)) listener();
      });
      // The port must not keep the worker alive once the workload has returned.
      task.port.unref();
    },
  };
}

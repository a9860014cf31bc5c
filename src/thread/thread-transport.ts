import { commandForCode, readCommandMessage } from '../entry/messages.ts';
import type { WorkloadTransport } from '../entry/run-workload.ts';
import type { ThreadTask } from './thread-task.ts';

/** Inside the worker: events go through the task's port; commands also land in shared memory, visible mid-loop. */
export function createThreadTransport(task: ThreadTask): WorkloadTransport {
  const commandSlot = new Int32Array(task.commandSlot);
  return {
    send: (event) => task.port.postMessage(event),
    mutexBuffer: task.mutex,
    sharedMemoryBuffer: task.sharedMemory,
    readCommand: () => commandForCode(Atomics.load(commandSlot, 0)),
    onCommand(listener) {
      task.port.on('message', (message) => {
        const command = readCommandMessage(message);
        if (command !== null) listener(command);
      });
      // The port must not keep the worker alive once the workload has returned.
      task.port.unref();
    },
  };
}

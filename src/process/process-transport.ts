import { readFileSync } from 'node:fs';
import { readCommandMessage, type WorkerCommand, WORKER_COMMANDS, type WorkerEvent } from '../entry/messages.ts';
import type { WorkloadTransport } from '../entry/run-workload.ts';
import { createSharedMemoryBuffer } from '../workload/shared-memory.ts';

/** How often a busy workload may read the command file: one read per millisecond costs well under 1% of a core. */
const COMMAND_FILE_CHECK_INTERVAL_MS = 1;

export interface ProcessTransportOptions {
  readonly commandFile: string;
  /** Turn SIGTERM into the cooperative stop, as a well-behaved service does. */
  readonly stopOnSigterm: boolean;
}

/**
 * Inside the child: events go over IPC. IPC messages are not read while the event loop is blocked, so the
 * synchronous check reads a file the host writes next to each IPC command.
 */
export function createProcessTransport({ commandFile, stopOnSigterm }: ProcessTransportOptions): WorkloadTransport {
  let lastCheck = 0;
  let latest: WorkerCommand | null = null;
  const listeners: Array<(command: WorkerCommand) => void> = [];
  const deliver = (command: WorkerCommand) => {
    latest = command;
    for (const listener of listeners) listener(command);
  };
  if (stopOnSigterm) process.on('SIGTERM', () => deliver('stop'));
  process.on('message', (message) => {
    const command = readCommandMessage(message);
    if (command !== null) deliver(command);
  });
  // The IPC channel must not keep the child alive: the host watches the child's exit, not the channel.
  process.channel?.unref();
  return {
    send: (event: WorkerEvent) => process.send?.(event),
    mutexBuffer: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
    sharedMemoryBuffer: createSharedMemoryBuffer(),
    readCommand() {
      const now = performance.now();
      if (latest === null && now - lastCheck >= COMMAND_FILE_CHECK_INTERVAL_MS) {
        lastCheck = now;
        latest = readCommandFile(commandFile);
      }
      return latest;
    },
    onCommand: (listener) => listeners.push(listener),
  };
}

function readCommandFile(path: string): WorkerCommand | null {
  try {
    const command = readFileSync(path, 'utf8');
    return command in WORKER_COMMANDS ? (command as WorkerCommand) : null;
  } catch {
    return null;
  }
}

import { existsSync } from 'node:fs';
import { isStopMessage, type WorkerEvent } from '../entry/messages.ts';
import type { WorkloadTransport } from '../entry/run-workload.ts';

/** How often a busy workload may look for the stop file: a stat per millisecond costs well under 1% of a core. */
const STOP_FILE_CHECK_INTERVAL_MS = 1;

/**
 * Inside the child: events go over IPC. IPC messages are not read while the event loop is blocked, so the
 * synchronous stop check looks for a file the host creates next to the IPC message.
 */
export function createProcessTransport(stopFile: string): WorkloadTransport {
  let lastCheck = 0;
  let stopSeen = false;
  return {
    send: (event: WorkerEvent) => process.send?.(event),
    mutexBuffer: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
    isStopRequested() {
      const now = performance.now();
      if (!stopSeen && now - lastCheck >= STOP_FILE_CHECK_INTERVAL_MS) {
        lastCheck = now;
        stopSeen = existsSync(stopFile);
      }
      return stopSeen;
    },
    onStopRequest(listener) {
      process.on('message', (message) => {
        if (isStopMessage(message)) listener();
      });
      // The IPC channel must not keep the child alive: the host watches the child's exit, not the channel.
      process.channel?.unref();
    },
  };
}

import type { WorkerEvent } from '../entry/messages.ts';
import { runWorkload } from '../entry/run-workload.ts';
import { createProcessTransport } from './process-transport.ts';

// The child's main: run the shared body, report how it ended, then exit as a finished tinypool worker is disposed.
const [, , spec = '', stopFile = ''] = process.argv;
try {
  await runWorkload(JSON.parse(spec), createProcessTransport(stopFile));
  await sendAndExit({ type: 'finished' }, 0);
} catch (error) {
  await sendAndExit({ type: 'failed', message: error instanceof Error ? error.message : String(error) }, 1);
}

function sendAndExit(event: WorkerEvent, exitCode: number): Promise<never> {
  return new Promise(() => {
    process.send?.(event, undefined, {}, () => process.exit(exitCode));
  });
}

import type { WorkerEvent } from '../entry/messages.ts';
import { runWorkload } from '../entry/run-workload.ts';
import { createProcessTransport } from './process-transport.ts';

// The child's main: run the shared body, report how it ended, then exit as a finished tinypool worker is disposed.
const [, , spec = '', transportOptions = ''] = process.argv;
// A tinypool worker stays alive while its task is pending; so does the child, even if run() only awaits its signal.
const keepAlive = setInterval(() => undefined, 2 ** 31 - 1);
try {
  await runWorkload(JSON.parse(spec), createProcessTransport(JSON.parse(transportOptions)));
  clearInterval(keepAlive);
  await sendAndExit({ type: 'finished' }, 0);
} catch (error) {
  clearInterval(keepAlive);
  await sendAndExit({ type: 'failed', message: error instanceof Error ? error.message : String(error) }, 1);
}

function sendAndExit(event: WorkerEvent, exitCode: number): Promise<never> {
  return new Promise(() => {
    process.send?.(event, undefined, {}, () => process.exit(exitCode));
  });
}

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { MARKER_VARIABLE } from '../../src/marker/marker.ts';

/** Real `sleep 300` processes started by one test file, which stops them through their handles (safe: they are its children). */
export interface SleepingProcesses {
  /** A sleep carrying the marker given, or a clean environment (no marker at all) when null. */
  start(marker: string | null): Promise<ChildProcess>;
  /** Kills every sleep still running and waits for its exit. */
  stopAll(): Promise<void>;
  /** Counts a process started elsewhere (a shell's parent, say) among those stopAll() stops. */
  adopt(child: ChildProcess): void;
}

export function createSleepingProcesses(): SleepingProcesses {
  const started: ChildProcess[] = [];
  return {
    async start(marker) {
      const environment = marker === null ? { PATH: process.env.PATH } : { ...process.env, [MARKER_VARIABLE]: marker };
      const child = spawn('sleep', ['300'], { env: environment, stdio: 'ignore' });
      started.push(child);
      await once(child, 'spawn');
      return child;
    },
    stopAll: () => Promise.all(started.splice(0).map(killAndWait)).then(() => undefined),
    adopt: (child) => void started.push(child),
  };
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Polls until `find` returns something, or fails after the timeout. */
export async function waitUntilFound<T>(find: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (performance.now() > deadline) throw new Error(`nothing found within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createRunId, createTrialId, MARKER_VARIABLE } from '../../src/marker/marker.ts';
import { reapMarker } from '../../src/process-family/reap-family.ts';

/** Real processes of one made-up trial: each carries the trial's marker, so the probes attribute it to the trial. */
export interface MarkedProcesses {
  readonly trialId: string;
  /** Starts a process with an IPC channel and waits until it has spawned. */
  start(command: string, args: readonly string[]): Promise<ChildProcess>;
  /** Starts one of test/fixtures/probes with Node.js and returns its first message. */
  startFixture<Message>(name: string, args?: readonly string[], nodeOptions?: readonly string[]): Promise<{ child: ChildProcess; message: Message }>;
  /** SIGKILLs every process carrying the marker (descendants too) and waits until the ones started here are reaped. */
  stopAll(): Promise<void>;
}

export function createMarkedProcesses(): MarkedProcesses {
  const trialId = createTrialId(createRunId(), 1);
  const started: ChildProcess[] = [];
  const start = async (command: string, args: readonly string[]) => {
    const child = spawn(command, args, { env: { ...process.env, [MARKER_VARIABLE]: trialId }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    started.push(child);
    await once(child, 'spawn');
    return child;
  };
  return {
    trialId,
    start,
    async startFixture(name, args = [], nodeOptions = []) {
      const fixture = fileURLToPath(new URL(`../fixtures/probes/${name}.mjs`, import.meta.url));
      const child = await start(process.execPath, [...nodeOptions, fixture, ...args]);
      return { child, message: await nextMessage(child) };
    },
    async stopAll() {
      await reapMarker(trialId);
      await Promise.all(started.splice(0).map(waitForExit));
    },
  };
}

/** The next message a child sends over IPC; fails at once if the child exits first, rather than at the test's timeout. */
export function nextMessage<Message>(child: ChildProcess): Promise<Message> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null) => reject(new Error(`process ${child.pid} exited (${signal ?? code}) before it answered`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as Message);
    });
  });
}

/** SIGKILLs one child and waits until Node.js has reaped it. */
export async function killAndWait(child: ChildProcess): Promise<void> {
  const exited = waitForExit(child);
  child.kill('SIGKILL');
  await exited;
}

async function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
}

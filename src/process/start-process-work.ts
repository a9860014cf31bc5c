import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execaNode } from 'execa';
import type { WorkloadSpec } from '../entry/messages.ts';
import type { ProcessWork, StartOptions, WorkEnd } from '../runtime/runtime.ts';
import type { ProcessTransportOptions } from './process-transport.ts';
import { watchReady } from '../runtime/watch-ready.ts';
import { compiledEntry } from '../runtime/compiled-entry.ts';

const processEntry = compiledEntry('./process-entry.ts', import.meta.url);

/** Runs the workload in a child Node.js process through execa, with nothing between a signal and the child. */
export function startProcessWork(spec: WorkloadSpec, controlDir: string, options: StartOptions): ProcessWork {
  const startedAt = performance.now();
  const transport: ProcessTransportOptions = { commandFile: join(controlDir, 'command'), stopOnSigterm: options.stopOnSigterm };
  const child = execaNode(processEntry, [JSON.stringify(spec), JSON.stringify(transport)], {
    ipc: true,
    reject: false,
    // execa's own deadline, when the kill style is `timeout`: it sends SIGTERM once the time is up.
    ...(options.deadlineMs === null ? {} : { timeout: options.deadlineMs }),
    // The harness measures raw signals: no escalation to SIGKILL behind its back, no node flags inherited from the host.
    forceKillAfterDelay: false,
    nodeOptions: [],
    stdout: 'ignore',
    stderr: 'pipe',
  });
  const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(performance.now())));
  return {
    pid: child.pid ?? Number.NaN,
    ready: watchReady(child),
    ended: observeEnd(child, exited),
    startedAt,
    sendCommand(command) {
      writeFileSync(transport.commandFile, command);
      if (child.connected) child.send({ type: 'command', command });
    },
    forceStop() {
      child.kill('SIGKILL');
    },
    sendSignal(signal) {
      child.kill(signal);
    },
  };
}

async function observeEnd(child: ReturnType<typeof execaNode>, exited: Promise<number>): Promise<WorkEnd> {
  const result = await child;
  const reportedAt = performance.now();
  return {
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    error: result.failed && !result.isTerminated ? describeChildFailure(result) : null,
    reportedAt,
    endedAt: await exited,
  };
}

/** The uncaught error's `Name: message` line from the child's stderr, else how it exited. */
function describeChildFailure(result: { exitCode?: number; signal?: string; stderr?: unknown }): string {
  const errorLine = String(result.stderr ?? '')
    .split('\n')
    .find((line) => /^[A-Za-z_$][\w$]*(?: \[\w+\])?: /.test(line));
  return errorLine ?? (result.signal === undefined ? `exit code ${result.exitCode}` : `killed by ${result.signal}`);
}

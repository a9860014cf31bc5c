import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execaNode } from 'execa';
import type { WorkloadSpec } from '../entry/messages.ts';
import type { ProcessWork, WorkEnd } from '../runtime/runtime.ts';
import { watchReady } from '../runtime/watch-ready.ts';
import { compiledEntry } from '../runtime/compiled-entry.ts';

const processEntry = compiledEntry('./process-entry.ts', import.meta.url);

/** Runs the workload in a child Node.js process through execa, with nothing between a signal and the child. */
export function startProcessWork(spec: WorkloadSpec, controlDir: string): ProcessWork {
  const stopFile = join(controlDir, 'stop');
  const child = execaNode(processEntry, [JSON.stringify(spec), stopFile], {
    ipc: true,
    reject: false,
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
    requestStop() {
      writeFileSync(stopFile, '');
      if (child.connected) child.send({ type: 'stop' });
    },
    forceStop: () => child.kill('SIGKILL'),
    sendSignal: (signal) => child.kill(signal),
  };
}

async function observeEnd(child: ReturnType<typeof execaNode>, exited: Promise<number>): Promise<WorkEnd> {
  const result = await child;
  const reportedAt = performance.now();
  return {
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    error: result.failed ? describeChildFailure(result) : null,
    reportedAt,
    endedAt: await exited,
  };
}

function describeChildFailure(result: { shortMessage?: string; stderr?: unknown }): string {
  const summary = result.shortMessage ?? 'the child process failed';
  const lastStderrLine = String(result.stderr ?? '').trim().split('\n').pop();
  return lastStderrLine ? `${summary}: ${lastStderrLine}` : summary;
}

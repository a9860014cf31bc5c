import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { execaNode, type Result } from 'execa';
import { findOwnPipeHolders, type OwnPipe, readDescriptorLink } from '../linux-proc/pipe-holders.ts';
import { listLivingDescendants } from '../linux-proc/process-tasks.ts';
import type { WorkloadSpec } from '../entry/messages.ts';
import type { ProcessWork, StartOptions, WorkEnd } from '../runtime/runtime.ts';
import type { ProcessTransportOptions } from './process-transport.ts';
import { watchBodyThread, watchReady, watchTargetSection } from '../runtime/watch-ready.ts';
import { compiledEntry } from '../runtime/compiled-entry.ts';
import { followEventLog } from '../runtime/follow-event-log.ts';
import { type ChildExit, findErrorLine, watchExit } from '../runtime/watch-exit.ts';

const processEntry = compiledEntry('./process-entry.ts', import.meta.url);
/** The signals the kill styles send. Any other (SIGABRT after V8's heap limit, SIGSEGV) is the child ending itself. */
const KILL_SIGNALS: ReadonlySet<string> = new Set(['SIGTERM', 'SIGINT', 'SIGKILL']);
/** How long after the child's exit execa may take to settle (its streams drain) before it counts as never. */
const SETTLE_AFTER_EXIT_MS = 1_000;
/** How long after the exit a pipe no other process holds takes to end: then its holders, if any, are looked for. */
const PIPE_DRAIN_MS = 20;

type Settled = { result: Result; at: number };

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
    // Only the heap cap: V8 aborts a child that outgrows it (SIGABRT after "heap out of memory").
    nodeOptions: [`--max-old-space-size=${options.memoryLimitMb}`],
    // stdin, stdout and stderr are execa's defaults (pipes, buffered): the host is the parent a user's code is, and
    // `await subprocess` then waits for them to end, as it does there (see src/host/parent-watch.ts).
  });
  // The child's end is its exit: a grandchild that inherited its stdio holds execa's result for as long as it lives.
  const exit = watchExit(child, { keepStderr: true });
  const pipes = readChildPipes(child);
  const settled = child.then((result) => ({ result, at: performance.now() }));
  const events = spec.eventLog === undefined ? child : followEventLog(child, spec.eventLog, exit.ended);
  // execa's deadline calls subprocess.kill() when its own timer, started after the spawn, runs out: noting that call
  // times `timeout` from the deadline as execa kept it. The harness's own signals go through the kill it had before.
  const kill = child.kill.bind(child);
  let deadlineFiredAt: number | null = null;
  if (options.deadlineMs !== null) {
    const noteDeadline = (...args: unknown[]) => {
      deadlineFiredAt ??= performance.now();
      return (kill as (...given: unknown[]) => boolean)(...args);
    };
    child.kill = noteDeadline as typeof child.kill;
  }
  return {
    childPid: child.pid ?? Number.NaN,
    shared: null,
    ready: watchReady(events),
    bodyThread: watchBodyThread(events, child.pid ?? Number.NaN),
    targetSection: watchTargetSection(events),
    gone: exit.ended.then((ended) => ended.at),
    ended: observeEnd(settled, exit.ended, pipes),
    startedAt,
    deadlineFiredAt: () => deadlineFiredAt,
    sendCommand(command) {
      writeFileSync(transport.commandFile, command);
      if (child.connected) child.send({ type: 'command', command }, () => undefined);
    },
    // Safe from pid reuse: ChildProcess.kill() signals only while Node holds the child's handle, and libuv drops it
    // in the same turn it reaps the child (see src/process-family/signal-gate.ts).
    forceStop() {
      kill('SIGKILL');
    },
    sendSignal(signal) {
      kill(signal);
    },
    parent: { awaited: 'await subprocess', settle: () => settled.then(({ at }) => at), pipes, timesReport: true },
  };
}

/**
 * The end as the runtime reported it: execa settles once the child exited and its pipes ended. A pipe whose other end
 * a descendant still holds does not end for as long as it lives: the work's end is then not held for it (the after-probes
 * must see what the stop left as it was), and the host's parent watch measures how long it holds the parent.
 */
async function observeEnd(settled: Promise<Settled>, exited: Promise<ChildExit>, pipes: readonly OwnPipe[]): Promise<WorkEnd> {
  const exit = await exited;
  const early = await Promise.race([settled, sleep(PIPE_DRAIN_MS, null, { ref: false })]);
  const held = early === null && pipes.some((pipe) => findOwnPipeHolders(pipe, listLivingDescendants(process.pid)).length > 0);
  const report = early ?? (held ? null : await Promise.race([settled, sleep(SETTLE_AFTER_EXIT_MS, null, { ref: false })]));
  const ending = { exitCode: exit.code, signal: exit.signal ?? undefined, stderr: report?.result.stderr ?? exit.lastLine };
  const failed = exit.signal === null ? exit.code !== 0 : !KILL_SIGNALS.has(exit.signal);
  return {
    exitCode: exit.code,
    signal: exit.signal,
    error: failed ? describeChildFailure(ending) : null,
    reportedAt: report?.at ?? null,
    endedAt: exit.at,
  };
}

/** V8's `FATAL ERROR: …` line or the uncaught error's `Name: message` line from the child's stderr, else how it exited. */
function describeChildFailure(result: { exitCode: number | null; signal: string | undefined; stderr: unknown }): string {
  return findErrorLine(String(result.stderr ?? '')) ?? (result.signal === undefined ? `exit code ${result.exitCode}` : `killed by ${result.signal}`);
}

/**
 * The pipes to the child, as Node.js made them for its stdio (`'pipe'`: socket pairs) and IPC channel: the host's
 * descriptor of each, and both ends' links as they are once the child runs (the spawn returned after its exec).
 */
function readChildPipes(child: ChildProcess): OwnPipe[] {
  const ends: [string, unknown][] = [
    ['stdin', child.stdin],
    ['stdout', child.stdout],
    ['stderr', child.stderr],
    ['IPC channel', child.channel],
  ];
  return ends.flatMap(([channel, end], childFd) => {
    const fd = readDescriptor(end);
    const link = fd === null ? null : readDescriptorLink('self', fd);
    const peer = child.pid === undefined ? null : readDescriptorLink(child.pid, childFd);
    return fd === null || link === null || peer === null ? [] : [{ channel, fd, end: link, peer }];
  });
}

/** A stream's descriptor is its handle's (Node keeps it there, untyped); the IPC channel has its own. */
function readDescriptor(end: unknown): number | null {
  const holder = end as { _handle?: { fd?: unknown }; fd?: unknown } | null | undefined;
  const fd = holder?._handle?.fd ?? holder?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : null;
}

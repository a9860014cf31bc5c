import { execa } from 'execa';
import { scriptCommand } from '../engines/engine-command.ts';
import { type EngineKey, type EngineName } from '../engines/engine-target.ts';
import type { HostCommand, HostEvent } from '../host/host-messages.ts';
import { MARKER_VARIABLE } from '../marker/marker.ts';
import type { ProcessIdentity } from '../linux-proc/process-identity.ts';
import { readProcessStat } from '../linux-proc/process-stat.ts';
import { createProcessFamily } from '../process-family/process-family.ts';
import { reapFamily } from '../process-family/reap-family.ts';
import { type Containment, containProcess } from '../process-family/containment.ts';
import { compiledEntry } from '../runtime/compiled-entry.ts';
import { describeOwner, OWNER_VARIABLE } from '../marker/run-owner.ts';
import { isPythonRuntime, type NodeRuntimeName, type PythonRuntimeName, type RuntimeName } from '../runtime/runtime.ts';
import { findPythonExecutable, PYTHON_HOST } from '../python-host/python-environment.ts';
import { watchExit } from '../runtime/watch-exit.ts';
import type { TrialContainment } from '../record/trial-result.ts';
import { setLongTimeout } from '../runtime/long-timeout.ts';

const hostMain = compiledEntry('../host/host-main.ts', import.meta.url);
/** How long a SIGKILLed host may take to be reaped: a process in uninterruptible sleep (D) can take a while. */
const HOST_EXIT_TIMEOUT_MS = 5_000;
/** How long what a host that was not reaped in time left is then waited for, before its trial reports it. */
const SLOW_REAP_TIMEOUT_MS = 30_000;

type HostEventType = HostEvent['type'];
export type HostWait<Type extends HostEventType> = Extract<HostEvent, { type: Type }> | { type: 'timeout' } | { type: 'host-exited'; detail: string };

/** The engine a host runs on, when it is not the harness's own Node.js (--engine, --node): its binary, and what its hosts' environment adds. */
export interface HostEngine {
  readonly name: EngineName;
  readonly execPath: string;
  readonly version: string;
  readonly hostEnv: Readonly<Record<string, string>>;
}

/** A host that SIGKILL did not end in time: the caller reports it, since a user's machine would keep it too. */
export class HostKillError extends Error {
  override name = 'HostKillError';
}

/** The harness's handle on one host process: send it commands, wait for its events, kill it. */
export interface HostProcess {
  readonly pid: number;
  /** The host's pid and start time: the root of its trials' process families. */
  readonly identity: ProcessIdentity;
  /**
   * The marker the host was started with, which /proc/<pid>/environ shows for its whole life; the processes of each
   * trial carry that trial's id instead (see src/host/host-trial.ts). Absent on a handle that does not say: the trial's id.
   */
  readonly marker?: string;
  /** The host's own cgroup, where the machine allows one; null elsewhere. Removed once the host and its trial's processes are gone. */
  readonly containment: Containment | null;
  /** How the host contains its trials' processes: its cgroup, and whether it reported itself their child subreaper. */
  containmentOf(): TrialContainment;
  /** The runtime whose adapter the host imported before it reported ready, if it was started for one. */
  readonly runtime?: RuntimeName;
  /** The engine and release the host must report: the --engine target's, or the harness's own Node.js; null for a Python host. */
  readonly engine: Pick<EngineKey, 'name' | 'version'> | null;
  send(command: HostCommand): void;
  waitFor<Type extends HostEventType>(types: readonly Type[], timeoutMs: number): Promise<HostWait<Type>>;
  /** Whether the host exited by itself within the time (its own exit, not its pipes); for a style that ends the host from inside. */
  exitsWithin(timeoutMs: number): Promise<boolean>;
  /** SIGKILL, then wait for the exit itself (not for pipes a surviving grandchild may still hold), at most a few seconds. */
  kill(): Promise<void>;
}

/**
 * The marker of a host a lane may reuse: it belongs to the run (so the run's reap reaches it) but to no trial, so
 * no trial's reap ever kills the host that ran the trial.
 */
export function createHostMarker(runId: string, firstTrialNumber: number): string {
  return `${runId}-host-${firstTrialNumber}`;
}

/**
 * Starts a host carrying a marker: a trial's id for a host used once, or createHostMarker's for one a lane may
 * reuse. Given the runtime, the host imports only that runtime's adapter, before it reports ready; without, on its
 * first trial. The host leads a session of its own (`detached`): a terminal's Ctrl-C, sent to the whole foreground
 * process group, reaches the harness alone, which then stops its hosts in order; and every process the trial starts
 * stays in that session unless it leaves it.
 */
export function startHost(marker: string, runtime?: RuntimeName, engine?: HostEngine): HostProcess {
  const host = runtime !== undefined && isPythonRuntime(runtime) ? startPythonHost(marker, runtime) : startEngineHost(marker, runtime, engine);
  const pid = host.pid ?? Number.NaN;
  const received: HostEvent[] = [];
  let subreaper = false;
  host.on('message', (event: HostEvent) => {
    received.push(event);
    if (event.type === 'host-ready') subreaper = event.containment?.subreaper === true;
  });
  // A grandchild that inherited the host's stderr keeps the pipe open after the host is gone: its end is the exit.
  const exit = watchExit(host);
  const exited = exit.ended.then((end) => `host exited (${end.signal ?? `code ${end.code}`}): ${end.lastLine || 'no output'}`);
  // Moved there before it runs a line of its own: the host starts nothing until its first trial.
  const containment = containProcess(marker, pid);
  return {
    pid,
    containment,
    containmentOf: () => ({ cgroup: containment !== null, subreaper }),
    identity: { pid, startTime: readProcessStat(pid)?.startTime ?? Number.NaN },
    marker,
    ...(runtime === undefined ? {} : { runtime }),
    engine: runtime !== undefined && isPythonRuntime(runtime) ? null : { name: engine?.name ?? 'node', version: engine?.version ?? process.version },
    send(command) {
      // A new trial: the events of the host's previous one must not answer its waits (its start-up's still may).
      if (command.type === 'start') received.splice(0, received.length, ...received.filter((event) => event.type === 'host-ready'));
      // A host that died a moment ago closed its channel: the wait that follows sees its exit, so the failed send says nothing more.
      if (host.connected) host.send(command, () => undefined);
    },
    waitFor: (types, timeoutMs) => waitForEvent(host, received, types, timeoutMs, exited),
    exitsWithin: (timeoutMs) => exit.within(timeoutMs),
    async kill() {
      host.kill('SIGKILL');
      if (!(await exit.within(HOST_EXIT_TIMEOUT_MS))) throw new HostKillError(`host ${pid} was not reaped within ${HOST_EXIT_TIMEOUT_MS} ms of SIGKILL`);
    },
  };
}

/** The options every host shares: the IPC channel, its own session, stderr for its last words, and the marker. */
function hostOptions(marker: string, env: Readonly<Record<string, string>> = {}) {
  return {
    ipc: true,
    reject: false,
    detached: true,
    forceKillAfterDelay: false,
    env: { ...env, [MARKER_VARIABLE]: marker, [OWNER_VARIABLE]: describeOwner() },
    stdout: 'ignore',
    stderr: 'pipe',
    buffer: false,
  } as const;
}

/**
 * A host of the Node.js runtimes, on the harness's own Node.js or on the engine given: its worker threads run on that
 * engine, and its children too (they are started with the host's own execPath). Node.js, Bun and Deno each speak
 * Node.js's IPC over NODE_CHANNEL_FD with JSON lines (Bun and Deno only those), the protocol the Python host speaks too.
 */
function startEngineHost(marker: string, runtime: NodeRuntimeName | undefined, engine: HostEngine | undefined) {
  const { file, args } = scriptCommand(engine?.name ?? 'node', engine?.execPath ?? process.execPath, hostMain);
  return execa(file, [...args, ...(runtime === undefined ? [] : [runtime])], { ...hostOptions(marker, engine?.hostEnv), serialization: 'json' });
}

/**
 * A Python host (python/host.py) speaks the same protocol over the same channel: Node.js's IPC, JSON lines on the
 * descriptor NODE_CHANNEL_FD names (docs/host-protocol.md). It writes no bytecode into the package's folder.
 */
function startPythonHost(marker: string, runtime: PythonRuntimeName) {
  return execa(findPythonExecutable(), [PYTHON_HOST, runtime], {
    ...hostOptions(marker, { PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' }),
    serialization: 'json',
  });
}

/**
 * SIGKILLs a host that will run no more trials, reaps anything carrying its own marker or in its cgroup, and removes
 * that. A host not reaped in time (HostKillError, rethrown for the caller to report) was SIGKILLed all the same: what
 * it leaves is reaped and its cgroup removed as far as a longer wait allows, so nothing stays for want of a retry.
 */
export async function retireHost(host: HostProcess): Promise<void> {
  let unreaped: HostKillError | null = null;
  try {
    await host.kill();
  } catch (error) {
    if (!(error instanceof HostKillError)) throw error;
    unreaped = error;
  }
  const family = createProcessFamily({ marker: host.marker ?? `${host.pid}`, cgroup: host.containment });
  if (unreaped === null) {
    await reapFamily(family);
    await host.containment?.remove();
    return;
  }
  await reapFamily(family, SLOW_REAP_TIMEOUT_MS).catch(() => undefined);
  await host.containment?.remove().catch(() => undefined);
  throw unreaped;
}

function waitForEvent<Type extends HostEventType>(
  host: NodeJS.EventEmitter,
  received: HostEvent[],
  types: readonly Type[],
  timeoutMs: number,
  exited: Promise<string>,
): Promise<HostWait<Type>> {
  const matches = (event: HostEvent): event is Extract<HostEvent, { type: Type }> => (types as readonly string[]).includes(event.type);
  const already = received.find(matches);
  if (already) return Promise.resolve(already);
  return new Promise((resolve) => {
    const finish = (result: HostWait<Type>) => {
      cancelTimer();
      host.off('message', onMessage);
      resolve(result);
    };
    const onMessage = (event: HostEvent) => {
      if (matches(event)) finish(event);
    };
    const cancelTimer = setLongTimeout(() => finish({ type: 'timeout' }), timeoutMs);
    host.on('message', onMessage);
    void exited.then((detail) => finish({ type: 'host-exited', detail }));
  });
}

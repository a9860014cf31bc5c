import { execaNode } from 'execa';
import type { HostCommand, HostEvent } from '../host/host-messages.ts';
import { MARKER_VARIABLE } from '../marker/marker.ts';
import { reapMarkedProcesses } from '../marker/reap.ts';
import { compiledEntry } from '../runtime/compiled-entry.ts';
import { describeOwner, OWNER_VARIABLE } from '../run/run-owner.ts';
import type { RuntimeName } from '../runtime/runtime.ts';

const hostMain = compiledEntry('../host/host-main.ts', import.meta.url);

type HostEventType = HostEvent['type'];
export type HostWait<Type extends HostEventType> = Extract<HostEvent, { type: Type }> | { type: 'timeout' } | { type: 'host-exited'; detail: string };

/** The harness's handle on one host process: send it commands, wait for its events, kill it. */
export interface HostProcess {
  readonly pid: number;
  /**
   * The marker the host was started with, which /proc/<pid>/environ shows for its whole life; the processes of each
   * trial carry that trial's id instead (see src/host/host-trial.ts). Absent on a handle that does not say: the trial's id.
   */
  readonly marker?: string;
  /** The runtime whose adapter the host imported before it reported ready, if it was started for one. */
  readonly runtime?: RuntimeName;
  send(command: HostCommand): void;
  waitFor<Type extends HostEventType>(types: readonly Type[], timeoutMs: number): Promise<HostWait<Type>>;
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
 * first trial.
 */
export function startHost(marker: string, runtime?: RuntimeName): HostProcess {
  const host = execaNode(hostMain, runtime === undefined ? [] : [runtime], {
    nodeOptions: [],
    ipc: true,
    reject: false,
    forceKillAfterDelay: false,
    env: { [MARKER_VARIABLE]: marker, [OWNER_VARIABLE]: describeOwner() },
    stdout: 'ignore',
    stderr: 'pipe',
  });
  const received: HostEvent[] = [];
  host.on('message', (event: HostEvent) => received.push(event));
  const exited = host.then((result) => `host exited (${result.signal ?? `code ${result.exitCode}`}): ${String(result.stderr).trim().split('\n').pop() || 'no output'}`);
  return {
    pid: host.pid ?? Number.NaN,
    marker,
    ...(runtime === undefined ? {} : { runtime }),
    send(command) {
      // A new trial: the events of the host's previous one must not answer its waits (its start-up's still may).
      if (command.type === 'start') received.splice(0, received.length, ...received.filter((event) => event.type === 'host-ready'));
      host.send(command);
    },
    waitFor: (types, timeoutMs) => waitForEvent(host, received, types, timeoutMs, exited),
    async kill() {
      host.kill('SIGKILL');
      await host;
    },
  };
}

/** SIGKILLs a host that will run no more trials and reaps anything carrying its own marker. */
export async function retireHost(host: HostProcess): Promise<void> {
  await host.kill();
  if (host.marker !== undefined) await reapMarkedProcesses(host.marker);
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
      clearTimeout(timer);
      host.off('message', onMessage);
      resolve(result);
    };
    const onMessage = (event: HostEvent) => {
      if (matches(event)) finish(event);
    };
    const timer = setTimeout(() => finish({ type: 'timeout' }), timeoutMs);
    host.on('message', onMessage);
    void exited.then((detail) => finish({ type: 'host-exited', detail }));
  });
}

import { execaNode } from 'execa';
import type { HostCommand, HostEvent } from '../host/host-messages.ts';
import { MARKER_VARIABLE } from '../marker/marker.ts';
import { compiledEntry } from '../runtime/compiled-entry.ts';
import { describeOwner, OWNER_VARIABLE } from '../run/run-owner.ts';

const hostMain = compiledEntry('../host/host-main.ts', import.meta.url);

type HostEventType = HostEvent['type'];
export type HostWait<Type extends HostEventType> = Extract<HostEvent, { type: Type }> | { type: 'timeout' } | { type: 'host-exited'; detail: string };

/** The harness's handle on one host process: send it commands, wait for its events, kill it. */
export interface HostProcess {
  readonly pid: number;
  send(command: HostCommand): void;
  waitFor<Type extends HostEventType>(types: readonly Type[], timeoutMs: number): Promise<HostWait<Type>>;
  kill(): Promise<void>;
}

/** Starts a host carrying the trial's marker; the marker is inherited by every worker and child it starts. */
export function startHost(trialId: string): HostProcess {
  const host = execaNode(hostMain, [], {
    nodeOptions: [],
    ipc: true,
    reject: false,
    forceKillAfterDelay: false,
    env: { [MARKER_VARIABLE]: trialId, [OWNER_VARIABLE]: describeOwner() },
    stdout: 'ignore',
    stderr: 'pipe',
  });
  const received: HostEvent[] = [];
  host.on('message', (event: HostEvent) => received.push(event));
  const exited = host.then((result) => `host exited (${result.signal ?? `code ${result.exitCode}`}): ${String(result.stderr).trim().split('\n').pop() || 'no output'}`);
  return {
    pid: host.pid ?? Number.NaN,
    send: (command) => host.send(command),
    waitFor: (types, timeoutMs) => waitForEvent(host, received, types, timeoutMs, exited),
    async kill() {
      host.kill('SIGKILL');
      await host;
    },
  };
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

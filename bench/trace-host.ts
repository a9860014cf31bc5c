import type { HostCommand } from '../src/host/host-messages.ts';
import type { HostProcess } from '../src/trial/host-process.ts';

/** Matches runTrial's own limit on a host's start-up. */
const HOST_READY_WAIT_MS = 15_000;

/**
 * The moments runTrial reaches, seen from the host handle it is given: each event it waited for (when the wait
 * ended), each command it sent, and the host's kill. What runTrial does between two of them is one phase.
 */
export interface HostTrace {
  readonly startedAt: Moment;
  readonly marks: Map<string, Moment>;
}

/** A point of the trace: the wall clock, and the CPU time this process had used by then. */
export interface Moment {
  readonly at: number;
  readonly cpuMs: number;
}

export function now(): Moment {
  const { user, system } = process.cpuUsage();
  return { at: performance.now(), cpuMs: (user + system) / 1000 };
}

/**
 * Wraps a real host so every wait, command and kill is stamped; the trial itself runs the harness's own code,
 * untouched. Between a wait's end and the next command runTrial runs synchronously (the snapshots), so the gap
 * between the two stamps is that code's time, and the CPU time between them is what that code itself used.
 */
export function traceHost(host: HostProcess, startedAt: Moment): { host: HostProcess; trace: HostTrace } {
  const marks = new Map<string, Moment>();
  const mark = (name: string) => marks.set(name, now());
  // When the host was up, whether or not runTrial was waiting for it yet: the Node.js start-up a lane hides.
  void host.waitFor(['host-ready'], HOST_READY_WAIT_MS).then((event) => event.type === 'host-ready' && mark('host ready'));
  return {
    trace: { startedAt, marks },
    host: {
      pid: host.pid,
      identity: host.identity,
      containment: host.containment,
      containmentOf: () => host.containmentOf(),
      engine: host.engine,
      exitsWithin: (timeoutMs) => host.exitsWithin(timeoutMs),
      send(command: HostCommand) {
        mark(`sent ${command.type}`);
        host.send(command);
      },
      async waitFor(types, timeoutMs) {
        const event = await host.waitFor(types, timeoutMs);
        mark(`got ${event.type}`);
        return event;
      },
      async kill() {
        mark('kill called');
        await host.kill();
        mark('kill done');
      },
    },
  };
}

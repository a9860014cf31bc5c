import { socketInodesOf } from '../linux-proc/descriptor-table.ts';
import { canListenAgain } from './listen-again.ts';
import { readsOf, trialPidsOf } from './moment-reads.ts';
import type { Leftover, Probe, ProbeTarget } from './probe.ts';
import { readTcpTable, TCP_STATES, type TcpSocket } from '../linux-proc/tcp-table.ts';
import { readUnixSockets } from '../linux-proc/unix-sockets.ts';

/** A port a process of the trial started listening on during the trial, and its state after the stop. */
export interface ListenedPort {
  readonly address: string;
  readonly port: number;
  /** Processes of the trial still listening on it after the stop; empty once it was released. */
  readonly heldBy: number[];
  /** Whether the harness could listen on 127.0.0.1:<port> right after the stop; null when that failed for another reason than the port being in use. */
  readonly rebindable: boolean | null;
}

export interface SocketLeftovers extends Leftover {
  /** Every port the trial listened on (seen at ready or after the stop), whether or not it was released. */
  readonly ports: ListenedPort[];
  /** Established TCP connections the trial's processes opened during the trial and still hold. */
  readonly connections: number;
  /** Established connections they held when the workload called ready(); null without an at-ready snapshot. */
  readonly connectionsAtReady: number | null;
}

/** A TCP socket that processes of the trial hold a descriptor of. */
interface HeldSocket extends TcpSocket {
  readonly pids: number[];
}

export interface SocketSnapshot {
  readonly listening: HeldSocket[];
  readonly established: HeldSocket[];
}

/** Listening and connected TCP sockets of the trial's processes: a port a stop leaves bound cannot be served again. */
export const socketsProbe: Probe<SocketSnapshot, SocketLeftovers> = {
  name: 'sockets',
  snapshot(target) {
    const owners = readSocketOwners(target);
    if (owners === null) return null;
    const table = mayHoldTcpSockets(owners) ? readTcpTable() : [];
    if (table === null) return null;
    const held = table.flatMap((socket) => {
      const pids = owners.get(socket.inode);
      return pids === undefined ? [] : [{ ...socket, pids }];
    });
    return {
      listening: held.filter((socket) => socket.state === TCP_STATES.listen),
      established: held.filter((socket) => socket.state === TCP_STATES.established),
    };
  },
  async diff(before, after, atReady) {
    const listened = openedSince(before.listening, [...(atReady?.listening ?? []), ...after.listening]);
    const ports: ListenedPort[] = [];
    // One at a time: two checks of one port (IPv4 and IPv6 listeners) would collide with each other.
    for (const socket of uniqueEndpoints(listened)) ports.push(await describePort(socket, after.listening));
    const connections = openedSince(before.established, after.established).length;
    const connectionsAtReady = atReady === null ? null : openedSince(before.established, atReady.established).length;
    const portsLeft = ports.filter((port) => port.heldBy.length > 0 || port.rebindable === false).length;
    return { total: portsLeft + connections, ports, connections, connectionsAtReady };
  },
};

/** Socket inode → pids holding it; null when the host's descriptors cannot be read (it is gone). */
function readSocketOwners(target: ProbeTarget): Map<number, number[]> | null {
  const reads = readsOf(target);
  if (reads.descriptorTable(target.hostPid) === null) return null;
  const owners = new Map<number, number[]>();
  for (const pid of trialPidsOf(target)) {
    const table = reads.descriptorTable(pid);
    for (const inode of table === null ? [] : socketInodesOf(table)) owners.set(inode, [...(owners.get(inode) ?? []), pid]);
  }
  return owners;
}

/** False when every socket the trial holds is a Unix socket (a host's IPC channels): then no TCP row can be the trial's. */
function mayHoldTcpSockets(owners: Map<number, number[]>): boolean {
  if (owners.size === 0) return false;
  const unixSockets = readUnixSockets();
  return unixSockets === null || [...owners.keys()].some((inode) => !unixSockets.has(inode));
}

function openedSince(before: readonly HeldSocket[], later: readonly HeldSocket[]): HeldSocket[] {
  const existing = new Set(before.map((socket) => socket.inode));
  return later.filter((socket) => !existing.has(socket.inode));
}

function uniqueEndpoints(sockets: readonly HeldSocket[]): HeldSocket[] {
  const byEndpoint = new Map(sockets.map((socket) => [`${socket.address} ${socket.port}`, socket]));
  return [...byEndpoint.values()].sort((first, second) => first.port - second.port);
}

async function describePort({ address, port }: HeldSocket, listeningAfter: readonly HeldSocket[]): Promise<ListenedPort> {
  const holders = listeningAfter.filter((socket) => socket.address === address && socket.port === port);
  return { address, port, heldBy: [...new Set(holders.flatMap((socket) => socket.pids))], rebindable: await canListenAgain(port) };
}

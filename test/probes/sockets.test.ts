import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { compareSnapshots, type ProbeTarget } from '../../src/probes/probe.ts';
import { createProbeTarget } from '../../src/probes/probe-target.ts';
import { socketsProbe } from '../../src/probes/sockets.ts';
import { decodeAddress } from '../../src/linux-proc/tcp-table.ts';
import { createMarkedProcesses, killAndWait } from './marked-processes.ts';

const processes = createMarkedProcesses();
let harnessServer: Server | undefined;
/** One target per host, as a trial has: its family keeps every process of the trial it has seen. */
const targets = new Map<ChildProcess, ProbeTarget>();

afterEach(async () => {
  for (const target of targets.values()) target.window.close();
  targets.clear();
  await processes.stopAll();
  harnessServer?.close();
  harnessServer = undefined;
});

/** A host that holds no socket of its own, as a host is before the trial starts. */
async function startHost(): Promise<ChildProcess> {
  return processes.start('sleep', ['300']);
}

function targetOf(host: ChildProcess, child: ChildProcess | null): ProbeTarget {
  let target = targets.get(host);
  if (target === undefined) {
    target = createProbeTarget({ trialId: processes.trialId, hostPid: host.pid ?? Number.NaN, workDir: '/nonexistent' });
    targets.set(host, target);
  }
  return { ...target, childPid: child?.pid ?? null };
}

async function startListener(): Promise<{ child: ChildProcess; port: number }> {
  const { child, message } = await processes.startFixture<number>('listens-on-port');
  return { child, port: message };
}

describe('socketsProbe', () => {
  it('records the port a child listened on at ready, and finds it released and bindable once the child is killed', async () => {
    const host = await startHost();
    const before = socketsProbe.snapshot(targetOf(host, null));
    const listener = await startListener();
    const atReady = socketsProbe.snapshot(targetOf(host, listener.child));
    await killAndWait(listener.child);
    const after = socketsProbe.snapshot(targetOf(host, listener.child));
    expect(await compareSnapshots(socketsProbe, before, atReady, after)).toEqual({
      total: 0,
      ports: [{ address: '127.0.0.1', port: listener.port, heldBy: [], rebindable: true }],
      connections: 0,
      connectionsAtReady: 0,
    });
  });

  // Without an at-ready snapshot (the work never became ready) the port is still found in the after snapshot.
  it('reports a port a surviving process still listens on as bound by it and not bindable', async () => {
    const host = await startHost();
    const before = socketsProbe.snapshot(targetOf(host, null));
    const listener = await startListener();
    const after = socketsProbe.snapshot(targetOf(host, listener.child));
    expect(await compareSnapshots(socketsProbe, before, null, after)).toEqual({
      total: 1,
      ports: [{ address: '127.0.0.1', port: listener.port, heldBy: [listener.child.pid], rebindable: false }],
      connections: 0,
      connectionsAtReady: null,
    });
  });

  it('counts a connection a process of the trial still holds, but not the end the harness holds', async () => {
    harnessServer = createServer().listen(0, '127.0.0.1');
    await once(harnessServer, 'listening');
    const port = (harnessServer.address() as AddressInfo).port;
    const host = await startHost();
    const before = socketsProbe.snapshot(targetOf(host, null));
    const { child } = await processes.startFixture('connects-to-port', [String(port)]);
    const atReady = socketsProbe.snapshot(targetOf(host, child));
    const after = socketsProbe.snapshot(targetOf(host, child));
    expect(await compareSnapshots(socketsProbe, before, atReady, after)).toEqual({ total: 1, ports: [], connections: 1, connectionsAtReady: 1 });
  });

  it('cannot measure a host that is gone, which yields null rather than 0', async () => {
    const host = await startHost();
    const before = socketsProbe.snapshot(targetOf(host, null));
    await killAndWait(host);
    expect(before).toEqual({ listening: [], established: [] });
    expect(await compareSnapshots(socketsProbe, before, null, socketsProbe.snapshot(targetOf(host, null)))).toBeNull();
  });
});

describe('decodeAddress', () => {
  it.each([
    ['0100007F', '127.0.0.1'],
    ['00000000', '0.0.0.0'],
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000001000000', '::1'],
    ['0000000000000000FFFF00000100007F', '::ffff:7f00:1'],
    ['B80D0120000000000000000001000000', '2001:db8::1'],
  ])('decodes %s as %s', (hex, address) => {
    expect(decodeAddress(hex)).toBe(address);
  });
});

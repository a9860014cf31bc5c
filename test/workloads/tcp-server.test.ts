import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readDescriptorTable, socketInodesOf } from '../../src/linux-proc/descriptor-table.ts';
import { readTcpTable, TCP_STATES } from '../../src/linux-proc/tcp-table.ts';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { type StartedInTest, startInTest } from '../support/start-work.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const workloadUrl = BUILT_IN_WORKLOADS['tcp-server'].moduleUrl;
const runner = createTrialRunner();
let started: StartedInTest | undefined;
afterEach(() => started?.dispose());
afterAll(() => runner.remove());

// The tests of this file count the TCP sockets of this very process (thread runtime): they run one at a time.
describe.each(NODE_RUNTIME_NAMES)('tcp-server in a %s', (runtime) => {
  it('listens on 127.0.0.1 with 3 clients connected (6 established ends) by ready(), and closes all 7 sockets on abort', async () => {
    const before = tcpSocketInodesOf(process.pid);
    started = startInTest(runtime, workloadUrl);
    await started.ready;
    const opened = listTcpSockets(started.ownerPid).filter((socket) => !before.has(socket.inode));
    const listening = opened.filter((socket) => socket.state === TCP_STATES.listen);
    expect(listening.map((socket) => socket.address)).toEqual(['127.0.0.1']);
    expect(opened.filter((socket) => socket.state === TCP_STATES.established)).toHaveLength(6);
    const end = await started.stop();
    expect(end.error).toBeNull();
    expect(started.readCleanupSteps()).toEqual(['sockets and server closed']);
    // A closed socket leaves the table (or stays only as a TIME_WAIT entry with inode 0).
    const stillOpen = new Set((readTcpTable() ?? []).map((socket) => socket.inode));
    expect(opened.filter((socket) => stillOpen.has(socket.inode))).toEqual([]);
  });
});

describe('tcp-server under a forced stop', () => {
  it('terminate() in a thread skips the cleanup, yet leaves no descriptor open in the host', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'thread', kill: 'terminate' });
    // Tearing down a worker's environment closes every libuv handle of its event loop, sockets included:
    // the listening socket and both ends of each connection leave the host with the worker.
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: false });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });

  it('SIGKILL to a child skips the cleanup, and the kernel closes every socket with the process', async () => {
    const result = await runner.run({ workloadUrl, runtime: 'process', kill: 'sigkill' });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: false, exit: { signal: 'SIGKILL' } });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });
});

/** The process's TCP sockets, from the namespace's table joined to its descriptors by inode. */
function listTcpSockets(pid: number) {
  const held = tcpSocketInodesOf(pid);
  return (readTcpTable() ?? []).filter((socket) => held.has(socket.inode));
}

function tcpSocketInodesOf(pid: number): Set<number> {
  const table = readDescriptorTable(pid);
  return table === null ? new Set() : socketInodesOf(table);
}

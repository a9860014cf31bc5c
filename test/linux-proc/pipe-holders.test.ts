import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { findOwnPipeHolders, type OwnPipe, readDescriptorLink } from '../../src/linux-proc/pipe-holders.ts';
import { listLivingDescendants } from '../../src/linux-proc/process-tasks.ts';
import { MARKER_VARIABLE } from '../../src/marker/marker.ts';

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

describe('findOwnPipeHolders', () => {
  it("names the process that holds a child's stdout once the child is gone, and nobody once this end is closed", async () => {
    // The shell prints its background sleep's pid, then exits: the sleep keeps the shell's stdout (Node's socket pair) open.
    const shell = spawn('sh', ['-c', 'sleep 30 & echo $!'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, [MARKER_VARIABLE]: 'pipe-holders-test' },
    });
    const fd = (shell.stdout as unknown as { _handle: { fd: number } })._handle.fd;
    const [line] = (await once(shell.stdout, 'data')) as [Buffer];
    const sleeper = Number(line.toString().trim());
    started.push(sleeper);
    // The peer end read from the sleep, which holds it for 30 s: the shell may already have exited.
    const pipe: OwnPipe = { channel: 'stdout', fd, end: readDescriptorLink('self', fd) ?? '', peer: readDescriptorLink(sleeper, 1) ?? '' };
    await once(shell, 'exit');
    expect(pipe.end).toMatch(/^socket:\[\d+\]$/);
    expect(pipe.peer).not.toBe(pipe.end);
    // The orphaned sleep is init's now: the candidates are whatever the caller names, here the sleep itself.
    expect(findOwnPipeHolders(pipe, [sleeper, ...listLivingDescendants(process.pid)])).toEqual([{ pid: sleeper, command: 'sleep', fds: [1] }]);
    shell.stdout.destroy();
    await once(shell.stdout, 'close');
    expect(findOwnPipeHolders(pipe, [sleeper])).toEqual([]);
  });
});

import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startGivenClock, withinGivenTime } from '../../src/runtime/given-time.ts';

// The clock of the time the machine gave some threads: real threads, on a machine made busy here, not a model of it.
const spinners: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const spinner of spinners.splice(0)) spinner.kill('SIGKILL');
});

/** A process that keeps a core busy; `count` of them, more than there are cores, make every runnable thread wait. */
function spin(count: number): Array<{ pid: number; threadId: number }> {
  return Array.from({ length: count }, () => {
    const spinner = spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' });
    spinners.push(spinner);
    const pid = spinner.pid ?? 0;
    return { pid, threadId: pid };
  });
}

describe('startGivenClock', () => {
  it('counts a sleeping thread in full: it waits for no CPU', async () => {
    const clock = startGivenClock(() => [{ pid: process.pid, threadId: process.pid }]);
    const startedAt = performance.now();
    await sleep(300);
    expect(Math.abs(clock.elapsedMs() - (performance.now() - startedAt))).toBeLessThan(60);
  });

  it('leaves out the time a thread was ready to run but waited for a CPU', async () => {
    // Three spinners on a machine of two cores or so: each waits a good part of the time for a CPU.
    const threads = spin(3 * Math.max(1, (await import('node:os')).availableParallelism()));
    await sleep(50);
    const clock = startGivenClock(() => threads);
    const startedAt = performance.now();
    await sleep(800);
    const wall = performance.now() - startedAt;
    expect(clock.elapsedMs()).toBeLessThan(wall * 0.85);
  });
});

describe('withinGivenTime', () => {
  it('times out after the timeout when the threads wait for nothing, and resolves with a value that comes first', async () => {
    const clock = startGivenClock(() => [{ pid: process.pid, threadId: process.pid }]);
    const startedAt = performance.now();
    expect(await withinGivenTime(200, new Promise(() => undefined), clock)).toBeUndefined();
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(195);
    expect(await withinGivenTime(10_000, sleep(20, 'done'), clock)).toBe('done');
  });
});

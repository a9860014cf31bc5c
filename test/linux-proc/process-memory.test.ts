import { afterEach, describe, expect, it } from 'vitest';
import { readProcessMemory, readResidentBytes } from '../../src/linux-proc/process-memory.ts';
import { createMarkedProcesses, killAndWait, nextMessage } from '../probes/marked-processes.ts';

const MEBIBYTE = 1024 ** 2;
const HELD_BYTES = 50 * MEBIBYTE;

const processes = createMarkedProcesses();
afterEach(() => processes.stopAll());

describe('readProcessMemory', () => {
  it('reads this process: USS within PSS within RSS, and RSS as its status gives it', () => {
    const memory = readProcessMemory(process.pid);
    const resident = readResidentBytes(process.pid) ?? Number.NaN;
    expect(memory).not.toBeNull();
    const { rssBytes, pssBytes, ussBytes } = memory ?? { rssBytes: 0, pssBytes: 0, ussBytes: 0 };
    expect(ussBytes).toBeGreaterThan(0);
    expect(ussBytes).toBeLessThanOrEqual(pssBytes);
    expect(pssBytes).toBeLessThanOrEqual(rssBytes);
    // Two reads a moment apart of a process that allocates as it runs (this test's own).
    expect(Math.abs(rssBytes - resident)).toBeLessThan(16 * MEBIBYTE);
  });

  it('shows a child holding 50 MiB as that much more USS, and its PSS below its RSS, for the node binary it shares with its parent', async () => {
    const { child } = await processes.startFixture('holds-memory');
    const before = readProcessMemory(child.pid ?? Number.NaN);
    child.send(HELD_BYTES);
    await nextMessage(child);
    const holding = readProcessMemory(child.pid ?? Number.NaN);
    expect(before).not.toBeNull();
    expect(holding).not.toBeNull();
    const grownBytes = (holding?.ussBytes ?? 0) - (before?.ussBytes ?? 0);
    expect(grownBytes).toBeGreaterThan(0.9 * HELD_BYTES);
    expect(grownBytes).toBeLessThan(1.2 * HELD_BYTES);
    // The child maps the same node binary as this process, so some of its resident pages are shared and split.
    expect(holding?.pssBytes).toBeLessThan(holding?.rssBytes ?? 0);
    expect(holding?.ussBytes).toBeLessThan(holding?.pssBytes ?? 0);
  });

  it('is null, never 0, for a process that is gone', async () => {
    const { child } = await processes.startFixture('holds-memory');
    const pid = child.pid ?? Number.NaN;
    expect(readProcessMemory(pid)).not.toBeNull();
    await killAndWait(child);
    expect(readProcessMemory(pid)).toBeNull();
  });
});

import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { MEMORY_GROWTH_THRESHOLD_BYTES, memoryProbe } from '../../src/probes/memory.ts';
import { compareSnapshots, type ProbeTarget } from '../../src/probes/probe.ts';
import { createProbeTarget } from '../../src/probes/probe-target.ts';
import { createMarkedProcesses, killAndWait, nextMessage } from './marked-processes.ts';

/** Three times the threshold, so the host's own noise cannot decide the tests. */
const HELD_BYTES = 3 * MEMORY_GROWTH_THRESHOLD_BYTES;

const processes = createMarkedProcesses();
const targets: ProbeTarget[] = [];
afterEach(async () => {
  for (const target of targets.splice(0)) target.window.close();
  await processes.stopAll();
});

/** A host that holds the bytes it is sent (resident, not just reserved) and lets them go when sent 0. */
async function startHost(): Promise<{ child: ChildProcess; target: ProbeTarget; hold(bytes: number): Promise<void> }> {
  const { child } = await processes.startFixture('holds-memory', [], ['--expose-gc']);
  const target = createProbeTarget({ trialId: processes.trialId, hostPid: child.pid ?? Number.NaN, workDir: '/nonexistent' });
  targets.push(target);
  return {
    child,
    target,
    async hold(bytes) {
      child.send(bytes);
      await nextMessage(child);
    },
  };
}

describe('memoryProbe', () => {
  it('counts memory the host still holds after the stop as left, and reports every raw number', async () => {
    const host = await startHost();
    const before = memoryProbe.snapshot(host.target);
    await host.hold(HELD_BYTES);
    const atReady = memoryProbe.snapshot(host.target);
    const found = await compareSnapshots(memoryProbe, before, atReady, memoryProbe.snapshot(host.target));
    expect(found).toMatchObject({ total: 1, beforeBytes: before, atReadyBytes: atReady, thresholdBytes: MEMORY_GROWTH_THRESHOLD_BYTES });
    expect(found?.grownBytes).toBe((found?.afterBytes ?? 0) - (before ?? 0));
    expect(found?.grownBytes).toBeGreaterThan(0.9 * HELD_BYTES);
    expect(found?.heldAtReadyBytes).toBeGreaterThan(0.9 * HELD_BYTES);
  });

  it('shows what the host held at ready without counting it as left once the host gave it back', async () => {
    const host = await startHost();
    const before = memoryProbe.snapshot(host.target);
    await host.hold(HELD_BYTES);
    const atReady = memoryProbe.snapshot(host.target);
    await host.hold(0);
    const found = await compareSnapshots(memoryProbe, before, atReady, memoryProbe.snapshot(host.target));
    expect(found?.total).toBe(0);
    expect(found?.heldAtReadyBytes).toBeGreaterThan(0.9 * HELD_BYTES);
    expect(found?.grownBytes).toBeLessThanOrEqual(MEMORY_GROWTH_THRESHOLD_BYTES);
  });

  it('reports no at-ready numbers when the work never became ready', async () => {
    const host = await startHost();
    const before = memoryProbe.snapshot(host.target);
    const found = await compareSnapshots(memoryProbe, before, null, memoryProbe.snapshot(host.target));
    expect(found).toMatchObject({ atReadyBytes: null, heldAtReadyBytes: null });
  });

  it('cannot measure a host that is gone, which yields null rather than 0', async () => {
    const host = await startHost();
    const before = memoryProbe.snapshot(host.target);
    await killAndWait(host.child);
    expect(before).toBeGreaterThan(0);
    expect(await compareSnapshots(memoryProbe, before, null, memoryProbe.snapshot(host.target))).toBeNull();
  });
});

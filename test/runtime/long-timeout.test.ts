import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { setLongTimeout } from '../../src/runtime/long-timeout.ts';

// Node.js fires a timer longer than 2^31-1 ms after 1 ms (with a TimeoutOverflowWarning): a watchdog whose margin
// pushes a user's timeout past that must still wait, not fire at once and record a false hang.
describe('setLongTimeout', () => {
  it('does not fire early for a delay past the longest timer', async () => {
    let fired = false;
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const cancel = setLongTimeout(() => (fired = true), 2 ** 31 + 2_000);
    await sleep(50);
    cancel();
    process.off('warning', onWarning);
    expect(fired).toBe(false);
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });

  it('fires once after a short delay, and not at all once cancelled', async () => {
    let fired = 0;
    setLongTimeout(() => (fired += 1), 5);
    const cancel = setLongTimeout(() => (fired += 10), 5);
    cancel();
    await sleep(40);
    expect(fired).toBe(1);
  });
});

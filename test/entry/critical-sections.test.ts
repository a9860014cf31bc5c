import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSectionHooks, type SectionState, sectionAtStop } from '../../src/entry/critical-sections.ts';
import type { WorkloadSpec } from '../../src/entry/messages.ts';

const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-sections-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function setUp(name: string, overrides: Partial<WorkloadSpec> = {}, readySince: number | null = 0) {
  const spec = {
    sectionLog: join(scratch, `${name}.log`),
    targetSection: 'holding-lock',
    targetAfterMs: 0,
    sectionHoldMs: 2_000,
    ...overrides,
  } as WorkloadSpec;
  const notified: string[] = [];
  const controller = new AbortController();
  const state: SectionState = {
    declared: ['holding-lock', 'writing'],
    readySince: () => readySince,
    stopRequested: () => controller.signal.aborted,
    signal: controller.signal,
    // Each event as `entered <section>`, `entered early <section>` or `left <section>`.
    notify: (event) => notified.push(event.type === 'section-left' ? `left ${event.section}` : `entered ${event.held ? '' : 'early '}${event.section}`),
  };
  return { hooks: createSectionHooks(spec, state), notified, controller, log: () => readFileSync(spec.sectionLog, 'utf8').split('\n').filter(Boolean) };
}

describe('critical sections', () => {
  it('logs each entry and exit, and tells where the workload was when it stopped', async () => {
    const { hooks, log } = setUp('log', { targetSection: null });
    await hooks.enterSection('writing');
    hooks.leaveSection('writing');
    hooks.enterSectionSync('holding-lock');
    expect(log()).toEqual(['enter writing', 'leave writing', 'enter holding-lock']);
    expect(sectionAtStop(log())).toBe('holding-lock');
    hooks.leaveSection('holding-lock');
    expect(sectionAtStop(log())).toBeNull();
  });

  it('holds the targeted section, once, until the stop is requested', async () => {
    const { hooks, notified, controller } = setUp('hold');
    await hooks.enterSection('writing');
    const held = hooks.enterSection('holding-lock');
    expect(notified).toEqual(['entered holding-lock']);
    let released = false;
    void held.then(() => {
      released = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(released).toBe(false);
    controller.abort();
    await held;
    await hooks.enterSection('holding-lock');
    expect(notified).toEqual(['entered holding-lock']);
  });

  it('holds a synchronous section only as long as the hold allows when no stop comes', () => {
    const { hooks, notified } = setUp('sync', { sectionHoldMs: 60 });
    const started = performance.now();
    hooks.enterSectionSync('holding-lock');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(notified).toEqual(['entered holding-lock']);
  });

  it('does not hold before ready(), nor before the drawn delay has passed, but says when it was entered and left early', async () => {
    const notReady = setUp('not-ready', {}, null);
    await notReady.hooks.enterSection('holding-lock');
    expect(notReady.notified).toEqual([]);
    const early = setUp('early', { targetAfterMs: 60_000 }, performance.now());
    await early.hooks.enterSection('holding-lock');
    early.hooks.leaveSection('holding-lock');
    expect(early.notified).toEqual(['entered early holding-lock', 'left holding-lock']);
  });

  it('refuses a section the workload did not declare, naming the declared ones', async () => {
    const { hooks } = setUp('undeclared');
    await expect(hooks.enterSection('commit')).rejects.toThrow(
      'section "commit" is not declared; declare it in the workload\'s criticalSections (holding-lock, writing)',
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { type ProcessStat, readProcessStat } from '../../src/linux-proc/process-stat.ts';
import { listChildren } from '../../src/linux-proc/process-tasks.ts';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { type StartedInTest, startInTest } from '../support/start-work.ts';

let started: StartedInTest | undefined;
afterEach(() => started?.dispose());

describe.each(NODE_RUNTIME_NAMES)('grandchild in a %s', (runtime) => {
  it('runs one sleep child and, on abort, kills it and waits until it is reaped', async () => {
    started = startInTest(runtime, BUILT_IN_WORKLOADS.grandchild.moduleUrl);
    await started.ready;
    const sleepers = listChildStats(started.ownerPid).filter((child) => child.command === 'sleep');
    expect(sleepers).toHaveLength(1);
    expect(sleepers[0]?.state).not.toBe('Z');
    const end = await started.stop();
    expect(end.error).toBeNull();
    // Gone from /proc entirely: a zombie would still have its entry, with state Z.
    expect(readProcessStat(sleepers[0]?.pid ?? Number.NaN)).toBeNull();
    expect(started.readCleanupSteps()).toEqual(['grandchild killed']);
  });
});

/** The children of every thread of the process (a worker's included), zombies too, as /proc/<pid>/stat shows them. */
function listChildStats(parentPid: number): ProcessStat[] {
  return (listChildren(parentPid) ?? []).flatMap((pid) => {
    const stat = readProcessStat(pid);
    return stat?.parentPid === parentPid ? [stat] : [];
  });
}

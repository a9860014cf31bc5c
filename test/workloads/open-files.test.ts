import { afterEach, describe, expect, it } from 'vitest';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { listDescriptorsInto, type StartedInTest, startInTest } from '../support/start-work.ts';

let started: StartedInTest | undefined;
afterEach(() => started?.dispose());

// Each test counts the descriptors of this very process (thread runtime): the tests of this file run one at a time.
describe.each(NODE_RUNTIME_NAMES)('open-files in a %s', (runtime) => {
  it('holds 3 openSync descriptors and 3 FileHandles on files it already unlinked, and closes all 6 on abort', async () => {
    started = startInTest(runtime, BUILT_IN_WORKLOADS['open-files'].moduleUrl);
    await started.ready;
    const held = listDescriptorsInto(started.ownerPid, started.directory.workDir);
    expect(held.map((link) => link.slice(started?.directory.workDir.length)).sort()).toEqual(
      ['handle-0', 'handle-1', 'handle-2', 'sync-0', 'sync-1', 'sync-2'].map((name) => `/${name}.log (deleted)`),
    );
    const end = await started.stop();
    expect(end.error).toBeNull();
    // closeSync and FileHandle.close throw on a descriptor that is already closed, so the step proves all 6 were open until then.
    expect(started.readCleanupSteps()).toEqual(['files closed']);
  });
});

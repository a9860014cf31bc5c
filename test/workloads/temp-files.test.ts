import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { type StartedInTest, startInTest } from '../support/start-work.ts';

let started: StartedInTest | undefined;
afterEach(() => started?.dispose());

describe.each(NODE_RUNTIME_NAMES)('temp-files in a %s', (runtime) => {
  it('creates 3 tmp files in its directory without keeping their descriptors, and removes them on abort', async () => {
    started = startInTest(runtime, BUILT_IN_WORKLOADS['temp-files'].moduleUrl);
    await started.ready;
    expect(readdirSync(started.directory.workDir)).toEqual([
      expect.stringMatching(/^temp-files-/),
      expect.stringMatching(/^temp-files-/),
      expect.stringMatching(/^temp-files-/),
    ]);
    const end = await started.stop();
    expect(end.error).toBeNull();
    expect(readdirSync(started.directory.workDir)).toEqual([]);
    expect(started.readCleanupSteps()).toEqual(['temp files removed']);
  });
});

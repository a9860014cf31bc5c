import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NODE_RUNTIME_NAMES } from '../../src/runtime/runtime.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';
import { BUILT_IN_WORKLOADS } from '../../src/workloads/built-in-workloads.ts';
import { encodeRecord, RECORDS_FILE } from '../../src/workloads/two-write-format.ts';
import twoWriteRecord from '../../src/workloads/two-write-record.ts';
import { countLeftovers, createTrialRunner } from '../support/trial-runner.ts';

const workloadUrl = BUILT_IN_WORKLOADS['two-write-record'].moduleUrl;
/** Every stop below is aimed after a record's header and before its body: the harness holds the section until it. */
const betweenWrites = { kind: 'section', section: 'between-header-and-body', afterMs: 0 } as const;
const runner = createTrialRunner();
afterAll(() => runner.remove());

describe('two-write-record verify()', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'two-write-'));
  });
  afterEach(() => removeDirectory(dir));

  const verify = (acknowledged: string[]) => twoWriteRecord.verify?.({ dataDir: dir, acknowledged });
  const whole = (seq: number) => Object.values(encodeRecord(seq));
  const writeRecords = (...parts: Buffer[]) => writeFileSync(join(dir, RECORDS_FILE), Buffer.concat(parts));

  it('finds every acknowledged record whole, and one written but not yet acknowledged is fine', async () => {
    writeRecords(...whole(1), ...whole(2), ...whole(3));
    expect(await verify(['1', '2'])).toEqual({ acknowledged: 2, missing: 0, torn: 0 });
  });

  it('counts a header whose body never came as torn, and says which record', async () => {
    writeRecords(...whole(1), encodeRecord(2).header);
    expect(await verify(['1'])).toEqual({ acknowledged: 1, missing: 0, torn: 1, detail: 'record 2: its header announces 64 bytes of body, 0 follow' });
  });

  it('counts a body whose bytes changed as torn, reads on past it, and counts it missing when it was acknowledged', async () => {
    const { header, body } = encodeRecord(2);
    body[3] = '!'.charCodeAt(0);
    writeRecords(...whole(1), header, body, ...whole(3));
    expect(await verify(['1', '2', '3'])).toEqual({
      acknowledged: 3,
      missing: 1,
      torn: 1,
      detail: 'acknowledged but not whole: 2; record 2: its body fails its checksum',
    });
  });

  it('counts acknowledged records that never reached the file as missing, and a missing file as well', async () => {
    writeRecords(...whole(1));
    expect(await verify(['1', '2'])).toEqual({ acknowledged: 2, missing: 1, torn: 0, detail: 'acknowledged but not whole: 2' });
    rmSync(join(dir, RECORDS_FILE));
    expect(await verify(['1'])).toEqual({ acknowledged: 1, missing: 1, torn: 0, detail: `${RECORDS_FILE} not found; acknowledged but not whole: 1` });
  });
});

describe('two-write-record under a stop aimed between a header and its body', () => {
  it.each([
    ['thread', 'terminate'],
    ['process', 'sigkill'],
  ] as const)('a %s stopped by %s leaves the last record torn, and loses no acknowledged one', async (runtime, kill) => {
    const result = await runner.run({ workloadUrl, runtime, kill, killPoint: betweenWrites });
    expect(result).toMatchObject({
      outcome: 'leaked',
      killedInSection: 'between-header-and-body',
      cleanupRan: false,
      sharedMemory: null,
      integrity: { missing: 0, torn: 1, detail: expect.stringMatching(/^record \d+: its header announces 64 bytes of body, 0 follow$/) },
    });
    expect(countLeftovers(result)).toEqual({ fds: 0, tempFiles: 0, processes: 0 });
  });

  it.each(NODE_RUNTIME_NAMES)('abort in a %s writes the body first: every record is whole', async (runtime) => {
    const result = await runner.run({ workloadUrl, runtime, kill: 'abort', killPoint: betweenWrites });
    expect(result).toMatchObject({ outcome: 'stopped', cleanupRan: true, integrity: { missing: 0, torn: 0 } });
    expect('integrity' in result && result.integrity?.acknowledged).toBeGreaterThan(0);
  });
});

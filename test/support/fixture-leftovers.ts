import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readProcFile } from '../../src/linux-proc/read-proc-file.ts';
import { listPids, readProcessStat } from '../../src/linux-proc/process-stat.ts';
import { FIXTURE_TAG } from '../fixtures/workloads/escapes/fixture-names.ts';

/** Where the escape fixtures leave files by fixed path. */
const FIXED_LOCATIONS = ['/tmp', '/dev/shm', '/var/tmp'];

/**
 * Living processes whose command line carries the escape fixtures' tag (and the token given, when given), found
 * without the harness's own probes: what a user would see with `ps`.
 */
export function findFixtureProcesses(token: string = FIXTURE_TAG): Array<{ pid: number; commandLine: string }> {
  return listPids().flatMap((pid) => {
    const commandLine = (readProcFile(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ').trim();
    const alive = readProcessStat(pid)?.state !== 'Z';
    return alive && commandLine.includes(token) && pid !== process.pid ? [{ pid, commandLine }] : [];
  });
}

/** Files the escape fixtures left in /tmp and /dev/shm. */
export function findFixtureFiles(token: string = FIXTURE_TAG): string[] {
  return FIXED_LOCATIONS.flatMap((location) =>
    readdirSync(location)
      .filter((name) => name.startsWith(token))
      .map((name) => join(location, name)),
  );
}

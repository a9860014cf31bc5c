import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/record/run-record.ts';

// The package as a user gets it: packed from this clone, installed into a fresh project of theirs (no src/, no
// devDependencies, no better-sqlite3), then run there on their own TypeScript and JavaScript workloads and on a
// tinypool job file taken unchanged.
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtureProject = fileURLToPath(new URL('fixture-project', import.meta.url));
const tinypoolJob = fileURLToPath(new URL('../fixtures/tasks/resize-image.js', import.meta.url));
const typeScript = join(root, 'node_modules/typescript/bin/tsc');
const nodeTypes = join(root, 'node_modules/@types');
const INSTALL_TIMEOUT_MS = 180_000;

const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-pack-'));
const project = join(scratch, 'project');
let packed: { filename: string; files: string[] };

beforeAll(async () => {
  const pack = await execa('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: root });
  const [entry] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (entry === undefined) throw new Error(`npm pack printed no entry: ${pack.stdout}`);
  packed = { filename: join(scratch, entry.filename), files: entry.files.map((file) => file.path) };
  cpSync(fixtureProject, project, { recursive: true });
  copyFileSync(tinypoolJob, join(project, 'resize-image.js'));
  await execa('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', packed.filename], {
    cwd: project,
    env: withoutNpmScriptContext(),
  });
}, INSTALL_TIMEOUT_MS);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the compiled code with its declarations, the docs and the licence, and nothing else', () => {
    const shipped = ['dist/index.js', 'dist/index.d.ts', 'dist/cli/bin.js', 'dist/task/task-workload.js', 'README.md', 'LICENSE', 'docs/baseline.md'];
    const python = ['python/host.py', 'python/requirements.txt', 'python/isolation_harness/host_main.py', 'python/workloads/lock_holder.py'];
    for (const path of [...shipped, ...python]) expect(packed.files).toContain(path);
    const topLevel = new Set(packed.files.map((path) => path.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['LICENSE', 'README.md', 'dist', 'docs', 'package.json', 'python', 'scripts']);
    expect(packed.files.filter((path) => path.startsWith('scripts/')).sort()).toEqual(['scripts/prepare.js', 'scripts/python-environment.js']);
    // The Python tests, the venv and bytecode stay in the clone.
    expect(packed.files.filter((path) => /^python\/(tests|\.venv)\/|__pycache__/.test(path))).toEqual([]);
    expect(packed.files.some((path) => path.endsWith('.tsbuildinfo'))).toBe(false);
  });

  it('installs without building anything: better-sqlite3 stays out unless the user adds it', () => {
    expect(existsSync(join(project, 'node_modules/isolation-harness/dist/cli/bin.js'))).toBe(true);
    expect(existsSync(join(project, 'node_modules/better-sqlite3'))).toBe(false);
    expect(existsSync(join(project, 'node_modules/typescript'))).toBe(false);
  });

  it("type-checks the user's TypeScript workload against the installed declarations", async () => {
    const checked = await execa('node', [typeScript, '-p', '.', '--typeRoots', nodeTypes], { cwd: project, reject: false });
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.exitCode).toBe(0);
  });

  it('publishes types that check on their own: no @types/node, skipLibCheck false, only the public names', async () => {
    const consumer = join(project, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: STANDALONE_COMPILER_OPTIONS, include: ['*.ts'] }));
    writeFileSync(join(consumer, 'reads-results.ts'), CONSUMER_SOURCE);
    expect(existsSync(join(project, 'node_modules/@types/node'))).toBe(false);
    const checked = await execa('node', [typeScript, '-p', consumer], { cwd: project, reject: false });
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.exitCode).toBe(0);
    // Only the package's root is importable: its internal modules are not part of what it publishes.
    writeFileSync(
      join(consumer, 'deep.ts'),
      "import { KILL_STYLES } from 'isolation-harness/dist/kill-styles/kill-styles.js';\nexport const names = Object.keys(KILL_STYLES);\n",
    );
    const deep = await execa('node', [typeScript, '-p', consumer], { cwd: project, reject: false });
    expect(deep.stdout).toMatch(/deep\.ts.*error TS2307: Cannot find module 'isolation-harness\/dist\/kill-styles\/kill-styles\.js'/);
  });

  it('runs a TypeScript workload, a JavaScript workload and an unchanged tinypool job file in both runtimes', async () => {
    const run = await npx(
      ['--workload', './workloads/holds-file.ts,./workloads/counts.js', '--task', './resize-image.js'].concat([
        '--task-data',
        '{"width":8,"height":8,"workMs":30000}',
        '--kill',
        'abort,terminate,sigkill',
        '--trials',
        '1',
        '--seed',
        '7',
      ]),
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.exitCode).toBe(0);
    const record = readRecord();
    const ran = record.results.filter((result) => result.outcome !== 'not-applicable' && result.outcome !== 'errored');
    for (const workload of ['holds-file', 'counts', 'resize-image']) {
      expect(new Set(ran.filter((result) => result.workload === workload).map((result) => result.runtime))).toEqual(new Set(['thread', 'process']));
    }
    expect(readFileSync(join(project, 'isolation-harness-report/report.md'), 'utf8')).toMatch(/^npx isolation-harness --workload /m);
    expect(readFileSync(join(project, 'isolation-harness-report/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(record.sourceDigest).toMatch(/^dist:sha256:/);
  });

  it("runs the Python runtimes from the installed package, on the machine's python3", async () => {
    const run = await npx(['--runtime', 'py-thread,py-process', '--workload', 'cpu-loop', '--kill', 'event,sigkill', '--trials', '1', '--out', 'python']);
    expect(run.exitCode).toBe(0);
    const record = JSON.parse(readFileSync(join(project, 'python/results.json'), 'utf8')) as RunRecord;
    expect(record.results.map((result) => `${result.runtime} ${result.kill} ${result.outcome}`)).toEqual([
      'py-thread event stopped',
      'py-process event stopped',
      'py-thread sigkill not-applicable',
      'py-process sigkill stopped',
    ]);
  });

  it('reads the sqlite cells as not applicable, with the reason, when better-sqlite3 is not installed', async () => {
    const run = await npx(['--workload', 'sqlite-transaction', '--kill', 'sigkill', '--trials', '1', '--out', 'sqlite']);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/no applicable trial ran/);
    const report = readFileSync(join(project, 'sqlite/report.md'), 'utf8');
    expect(report).toMatch(/Not applicable to this workload \(`sigkill`\): the optional package better-sqlite3 is not installed/);
  });
});

/**
 * A fresh project as `tsc --init` starts one, checking every declaration it reaches (skipLibCheck false), with no
 * Node.js types at all: the default library (AbortSignal from its DOM part) is all there is.
 */
const STANDALONE_COMPILER_OPTIONS = {
  strict: true,
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  noEmit: true,
  skipLibCheck: false,
  types: [],
};

/** A workload written against the public API, and a reader of results.json and of a baseline file. */
const CONSUMER_SOURCE = `import { defineWorkload, type Baseline, type IntegrityCheck, type RunRecord, type TrialResult } from 'isolation-harness';

export default defineWorkload({
  name: 'consumer',
  description: 'written against the published types alone',
  criticalSections: ['holding'],
  async run(context) {
    context.ready();
    await context.enterSection('holding');
    context.leaveSection('holding');
    context.markCleanupRan();
  },
  verify: ({ acknowledged }): IntegrityCheck => ({ acknowledged: acknowledged.length, missing: 0, torn: 0 }),
});

export function stoppedShare(record: RunRecord): number {
  const ended = record.results.filter((result: TrialResult) => result.outcome === 'stopped' || result.outcome === 'leaked');
  return ended.length === 0 ? 0 : ended.filter((result) => result.outcome === 'stopped' && result.stopMs < 100).length / ended.length;
}

export function cellsOf(baseline: Baseline): string[] {
  return baseline.cells.map((cell) => \`\${cell.workload} / \${cell.kill} / \${cell.runtime}\`);
}
`;

function npx(args: string[]) {
  return execa('npx', ['--no-install', 'isolation-harness', ...args], { cwd: project, reject: false, env: withoutNpmScriptContext() });
}

function readRecord(): RunRecord {
  return JSON.parse(readFileSync(join(project, 'isolation-harness-report/results.json'), 'utf8')) as RunRecord;
}

/** Outside `npm test`'s own script: no npm_* variables saying which package and script ran, as in a user's shell. */
function withoutNpmScriptContext(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_'))) as NodeJS.ProcessEnv;
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript script of the package, run by `npm install`, without declarations.
import { preparePythonEnvironment } from '../../scripts/python-environment.js';

// npm install's Python set-up, on a machine whose pip reaches no package index (PIP_NO_INDEX forces that here, wherever
// the tests run): the machine's own Python is asked for the packages, or the user is told how to get them.
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-python-environment-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const SYSTEM_PYTHON = '/usr/bin/python3';
const noIndex = { ...process.env, PIP_NO_INDEX: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' };

function folderWith(name: string, requirements: string): string {
  const folder = join(scratch, name, '/');
  execFileSync('mkdir', ['-p', folder]);
  writeFileSync(join(folder, 'requirements.txt'), `# what the Python runtimes use\n${requirements}\n`);
  return folder;
}

function importsIn(folder: string, module: string): boolean {
  try {
    execFileSync(join(folder, '.venv/bin/python'), ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const systemHasStopit = (() => {
  try {
    execFileSync(SYSTEM_PYTHON, ['-c', 'import stopit'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the Python environment npm install prepares, when pip reaches no index', () => {
  it(`takes stopit from the system's Python when it has it (python3-stopit), else says how to install it${systemHasStopit ? '' : ' (here: it has not)'}`, () => {
    const folder = folderWith('stopit', 'stopit==1.1.2');
    const outcome = preparePythonEnvironment({ folder, systemPython: SYSTEM_PYTHON, env: noIndex });
    if (systemHasStopit) {
      expect(outcome).toBe('system-packages');
      expect(importsIn(folder, 'stopit')).toBe(true);
      expect(readFileSync(join(folder, '.venv/pyvenv.cfg'), 'utf8')).toMatch(/^include-system-site-packages = true$/m);
      expect(existsSync(join(folder, '.venv/pip-failure.txt'))).toBe(false);
    } else {
      expect(outcome).toBe('missing');
      expect(readFileSync(join(folder, '.venv/pip-failure.txt'), 'utf8')).toMatch(/apt-get install python3-stopit on Debian and Ubuntu/);
    }
  });

  it('keeps a working venv and writes one line of what to do when neither pip nor the system has the package', () => {
    const folder = folderWith('missing', 'isolation-harness-no-such-package==0.0.1');
    expect(preparePythonEnvironment({ folder, systemPython: SYSTEM_PYTHON, env: noIndex })).toBe('missing');
    expect(importsIn(folder, 'sys')).toBe(true);
    const failure = readFileSync(join(folder, '.venv/pip-failure.txt'), 'utf8');
    expect(failure.trim().split('\n')).toHaveLength(1);
    expect(failure).toMatch(
      /^npm install's pip could not install it \(.*\); install python3-isolation-harness-no-such-package with the system's package manager/,
    );
  });
});

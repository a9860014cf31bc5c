// Part of `npm install` in a clone (see prepare.js): the environment of the Python runtimes. It creates python/.venv
// with the machine's python3 and installs python/requirements.txt into it (stopit). Nothing here fails the install:
// without python3 the Python runtimes read not applicable, with the reason; when pip cannot install a package, its
// reason is kept in python/.venv/pip-failure.txt, and the styles that need the package say it.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../python/', import.meta.url));
const venv = `${folder}.venv`;
const python = `${venv}/bin/python`;
const failureFile = `${venv}/pip-failure.txt`;

function run(command, args) {
  return execFileSync(command, args, { cwd: folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
}

function lastLine(error) {
  const text = `${error.stderr ?? ''}`.trim() || `${error.message ?? error}`;
  return (
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .at(-1) ?? text
  );
}

export function preparePythonEnvironment() {
  try {
    run('python3', ['-c', 'import sys; assert sys.version_info >= (3, 9), sys.version']);
  } catch (error) {
    process.stderr.write(`isolation-harness: no python3 3.9 or newer (${lastLine(error)}); the py- runtimes will read not applicable\n`);
    return;
  }
  try {
    if (!existsSync(python)) run('python3', ['-m', 'venv', venv]);
  } catch (error) {
    process.stderr.write(`isolation-harness: could not create ${venv} (${lastLine(error)}); the Python hosts will use python3 as it is\n`);
    return;
  }
  try {
    run(python, ['-c', 'import stopit']);
    rmSync(failureFile, { force: true });
    return;
  } catch {
    // Not installed yet: pip below.
  }
  try {
    run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--retries', '0', '--timeout', '15', '--quiet', '-r', 'requirements.txt']);
    rmSync(failureFile, { force: true });
  } catch (error) {
    writeFileSync(failureFile, `${lastLine(error)}\n`);
    process.stderr.write(
      `isolation-harness: pip could not install python/requirements.txt (${lastLine(error)}); the kill styles that need it will read not applicable\n`,
    );
  }
}

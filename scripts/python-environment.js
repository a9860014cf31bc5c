// Part of `npm install` in a clone (see prepare.js): the environment of the Python runtimes. It creates python/.venv
// with the machine's python3 and installs python/requirements.txt into it (stopit). Where pip cannot reach the package
// index, it takes the package from the machine's own Python instead (Debian's python3-stopit, through a venv that sees
// the system's site-packages), or says in one line how to install it. Nothing here fails the install: without python3
// the Python runtimes read not applicable, with the reason; without the package, the styles that need it say why, from
// python/.venv/pip-failure.txt.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PACKAGE_FOLDER = fileURLToPath(new URL('../python/', import.meta.url));
/** The machine's own Python, where its package manager installs python3-<name>. */
const SYSTEM_PYTHON = '/usr/bin/python3';

function run(command, args, { cwd, env }) {
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
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

/** The import names of the requirements (`stopit==1.1.2` → stopit), which is what the runtimes need to find. */
function readModules(folder) {
  return readFileSync(`${folder}requirements.txt`, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/[=<>!~;[ ]/)[0].replaceAll('-', '_'));
}

function imports(python, modules, options) {
  try {
    run(python, ['-c', modules.map((name) => `import ${name}`).join('; ')], options);
    return true;
  } catch {
    return false;
  }
}

/**
 * `folder` holds requirements.txt and gets the .venv; `python` makes it; `systemPython` is asked for the packages pip
 * could not get. Returns what was done: 'ready', 'installed', 'system-packages', 'missing' or 'no-python'.
 */
export function preparePythonEnvironment({ folder = PACKAGE_FOLDER, python = 'python3', systemPython = SYSTEM_PYTHON, env = process.env } = {}) {
  const options = { cwd: folder, env };
  const venv = { folder: `${folder}.venv`, python: `${folder}.venv/bin/python`, failureFile: `${folder}.venv/pip-failure.txt` };
  try {
    run(python, ['-c', 'import sys; assert sys.version_info >= (3, 9), sys.version'], options);
  } catch (error) {
    say(`no python3 3.9 or newer (${lastLine(error)}); the py- runtimes will read not applicable`);
    return 'no-python';
  }
  try {
    if (!existsSync(venv.python)) run(python, ['-m', 'venv', venv.folder], options);
  } catch (error) {
    say(`could not create ${venv.folder} (${lastLine(error)}); the Python hosts will use python3 as it is`);
    return 'no-python';
  }
  const modules = readModules(folder);
  if (imports(venv.python, modules, options)) {
    rmSync(venv.failureFile, { force: true });
    return 'ready';
  }
  try {
    run(
      venv.python,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--retries', '0', '--timeout', '15', '--quiet', '-r', 'requirements.txt'],
      options,
    );
    rmSync(venv.failureFile, { force: true });
    return 'installed';
  } catch (error) {
    if (takeFromSystem(venv, modules, systemPython, options)) {
      say(`pip could not install python/requirements.txt (${lastLine(error)}); python/.venv uses ${systemPython}'s ${modules.join(', ')} instead`);
      return 'system-packages';
    }
    // The venv of the system's Python did not work out: the first one again, which lacks the packages.
    if (!imports(venv.python, [], options)) makeVenv(python, venv, [], options);
    const packages = modules.map((name) => `python3-${name.replaceAll('_', '-')}`).join(' ');
    const instruction = `install ${packages} with the system's package manager (apt-get install ${packages} on Debian and Ubuntu) and run npm install again`;
    if (existsSync(venv.folder)) writeFileSync(venv.failureFile, `npm install's pip could not install it (${lastLine(error)}); ${instruction}\n`);
    say(`pip could not install python/requirements.txt (${lastLine(error)}); ${instruction}, or the kill styles that need it read not applicable`);
    return 'missing';
  }
}

/**
 * pip could not install them (no index reachable): the machine's own Python may have them from its package manager.
 * The venv is then made again from that Python, seeing its site-packages. Returns whether the venv now has them.
 */
function takeFromSystem(venv, modules, systemPython, options) {
  if (!existsSync(systemPython) || !imports(systemPython, modules, options)) return false;
  return makeVenv(systemPython, venv, ['--system-site-packages'], options) && imports(venv.python, modules, options);
}

function makeVenv(python, venv, flags, options) {
  try {
    rmSync(venv.folder, { recursive: true, force: true });
    run(python, ['-m', 'venv', ...flags, venv.folder], options);
    return true;
  } catch {
    return false;
  }
}

function say(text) {
  process.stderr.write(`isolation-harness: ${text}\n`);
}
